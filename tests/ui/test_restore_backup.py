"""File → Restore from backup… puts an earlier state back and keeps the current one."""

from reviewdesk.store.backups import list_backups
from reviewdesk.ui import messages


def test_restore_from_backup_brings_back_the_state_before_sign_off(
    qtbot, window, portfolio, meeting_id, sign_off, dialog_log, monkeypatch, db_path
):
    portfolio.set_notes(meeting_id, "trust", "Before sign-off")
    sign_off(portfolio, meeting_id)  # takes a backup first
    portfolio.reopen(meeting_id, "Forgot a decision")
    portfolio.set_notes(meeting_id, "trust", "Typed after reopening")
    (backup,) = list_backups(db_path)
    offered = []

    def pick(parent, title, label, items):
        offered.extend(items)
        return 0

    monkeypatch.setattr(messages, "ask_choice", pick)
    window.restore_action.trigger()

    assert len(offered) == 1 and f"before meeting {meeting_id} was signed off" in offered[0]
    assert window.portfolio is not portfolio  # the file was reopened after the restore
    restored = window.portfolio.meeting(meeting_id)
    assert restored.section("trust").notes == "Before sign-off"
    assert restored.status == "in_progress" and restored.signoff == []
    assert dialog_log.errors == []
    (info,) = dialog_log.kinds("info")
    assert "previous state" in info[2]
    names = [b.reason for b in list_backups(db_path)]
    assert "before-restore" in names and backup.path.exists()


def test_restore_cancelled_changes_nothing(
    qtbot, window, portfolio, meeting_id, sign_off, dialog_log, monkeypatch
):
    portfolio.set_notes(meeting_id, "trust", "Kept")
    sign_off(portfolio, meeting_id)
    monkeypatch.setattr(messages, "ask_choice", lambda *a: None)
    window.restore_action.trigger()
    assert window.portfolio is portfolio
    assert portfolio.meeting(meeting_id).locked


def test_no_backups_yet_says_so(qtbot, window, dialog_log):
    window.restore_action.trigger()
    (info,) = dialog_log.kinds("info")
    assert "No backups yet" in info[2]
