"""One whole review driven through the real window: create, rate, note, sign, export, reopen."""

from __future__ import annotations

import datetime as dt
import html
import subprocess
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QPoint, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

from reviewdesk import cli
from reviewdesk.record.model import Meeting
from reviewdesk.record.wording import moment_text
from reviewdesk.store.opening import open_portfolio
from reviewdesk.ui.dialogs.new_review import NewReviewDialog
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.meeting.action_dialog import NewActionDialog
from reviewdesk.ui.meeting.navigator import FINISHED_ROLE, PROGRESS_ROLE
from reviewdesk.ui.meeting.pages import wrapup as wrapup_page
from reviewdesk.ui.meeting.session import Change
from reviewdesk.ui.widgets.rating_row import RatingRow
from reviewdesk.ui.widgets.signature_pad import SignaturePad

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
CLIENT = "Ωmega Freight ĐN"
PROVIDER = "Cebu Back Office"
TITLE = "Q4 2026 review — Đà Nẵng"
DATE = dt.date(2026, 11, 27)
LOCATION = "Hải Châu office, room 3"
ATTENDEES = [
    ("Trần Thị Hoa", "client", "Chief operating officer"),
    ("Maria Santos", "provider", "Account director"),
    ("Fay Lim", "facilitator", "Facilitator"),
]
NOTES = "<b>Vietnamese: Nguyễn</b> & co"
DECISION = "Move the weekly call to Tuesday & keep <i>one</i> escalation line"
ACTION = "Send the revised night-shift rota to Trần Thị Hoa"
ACTION_DUE = dt.date(2026, 12, 18)
GOAL = {
    "title": "Invoice backlog under 2 days — Đà Nẵng",
    "specific": "Every supplier invoice is posted within 2 working days of receipt",
    "measure": "Median working days from receipt to posting",
    "baseline": "6 days",
    "target": "2 days",
    "current": "4 days",
    "achievable": "Two extra clerks start in January; volumes are flat",
    "relevant": "Suppliers complained twice about late payment this quarter",
}
GOAL_DUE = dt.date(2027, 3, 31)
REOPEN_REASON = "The decision wording was wrong"


# ---- helpers ---------------------------------------------------------------------------------


def on_disk(db_path: Path, meeting_id: int) -> Meeting:
    """The meeting as a second connection to the file reads it."""
    with open_portfolio(db_path, create=False) as other:
        return other.meeting(meeting_id)


class Modal:
    """Fills the next modal dialog of a class once its ``exec`` shows it, then lets it close."""

    def __init__(self, cls: type[QDialog], fill: Callable[[Any], None]):
        self.cls, self.fill = cls, fill
        self.seen = False
        self.error: BaseException | None = None
        self._tries = 0
        QTimer.singleShot(0, self._poll)

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, self.cls):
            self._tries += 1
            if self._tries < 500:
                QTimer.singleShot(10, self._poll)
            return
        self.seen = True
        try:
            self.fill(dialog)
            if dialog.isVisible():
                raise AssertionError(f"{self.cls.__name__} stayed open after OK")
        except BaseException as exc:  # noqa: BLE001 - re-raised by check(); never hang exec()
            self.error = exc
            dialog.reject()

    def check(self) -> None:
        assert self.seen, f"no {self.cls.__name__} was shown"
        if self.error is not None:
            raise self.error


def back_to(qtbot, window: MainWindow) -> None:
    """Give the main window the focus back after a dialog, as a window manager does.

    (The offscreen platform leaves the closed dialog as the active window.)
    """
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)


def click(qtbot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def next_step(qtbot, window: MainWindow) -> str:
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    return window.meeting_view.current_key()


def draw(pad: SignaturePad, points: list[tuple[int, int]]) -> None:
    """One stroke with a real mouse press, moves and release."""
    QTest.mousePress(
        pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*points[0])
    )
    for x, y in points[1:]:
        QTest.mouseMove(pad, QPoint(x, y))
    QTest.mouseRelease(
        pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*points[-1])
    )


def expected_rating(n: int, side: str) -> int:
    """The rating given to the n-th question of the agenda (some pairs differ by 2 or more)."""
    return n % 5 + 1 if side == "client" else (n * 3 + 1) % 5 + 1


def pdf_text(pdf: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout


def verify(pdf: Path, db_path: Path) -> int:
    return cli.main(["verify", str(pdf), "--db", str(db_path)])


# ---- the review ------------------------------------------------------------------------------


def create_review(qtbot, window: MainWindow, db_path: Path) -> int:
    """Step 1: New partnership → the New review dialog → the meeting opens."""
    home = window.home
    assert home.stack.currentWidget() is home.empty

    def fill(d: NewReviewDialog) -> None:
        assert d.new_box.isVisible()
        d.client.setText(CLIENT)
        d.provider.setText(PROVIDER)
        d.date.setDate(QDate(DATE.year, DATE.month, DATE.day))
        d.title.selectAll()
        d.title.insert(TITLE)
        d.location.setText(LOCATION)
        d.facilitator.setText("Fay Lim")
        for name, side, role in ATTENDEES:
            d.new_name.setText(name)
            d.new_side.setCurrentIndex(d.new_side.findData(side))
            d.new_role.setText(role)
            click(qtbot, d.add_person_button)
        assert d.error.text() == ""
        click(qtbot, d.ok_button)

    modal = Modal(NewReviewDialog, fill)
    with qtbot.waitSignal(window.meeting_opened, timeout=10000) as opened:
        click(qtbot, home.new_partnership_button)
    modal.check()
    back_to(qtbot, window)
    meeting_id = opened.args[0]
    assert window.meeting_view is not None
    assert window.meeting_view.header.text().startswith(f"{CLIENT} ↔ {PROVIDER}  ·  {TITLE}")

    m = on_disk(db_path, meeting_id)
    assert (m.partnership.client, m.partnership.provider) == (CLIENT, PROVIDER)
    assert (m.title, m.date, m.location, m.facilitator) == (TITLE, DATE, LOCATION, "Fay Lim")
    assert [(p.name, p.side, p.role, p.present) for p in m.participants] == [
        (*a, True) for a in ATTENDEES
    ]
    assert (
        not m.locked
        and m.sections
        and all(q.answered == 0 for s in m.sections for q in s.questions)
    )
    return meeting_id


def rate_everything(qtbot, window: MainWindow, db_path: Path, meeting_id: int) -> dict:
    """Step 2a: every question of every section, both sides, by clicks and by keys 1–5."""
    view = window.meeting_view
    assert view.current_key() == "attendees"
    expected: dict[tuple[str, str], tuple[int, int]] = {}
    n = 0
    sections = window.session.meeting.sections
    assert next_step(qtbot, window) == "scorecard"  # the service levels, then the register
    assert next_step(qtbot, window) == "register"
    for section in sections:
        assert next_step(qtbot, window) == f"section:{section.key}"
        page = view.current_page()
        assert page.section_key == section.key
        for question in section.questions:
            card = page.cards[question.key]
            values = (expected_rating(n, "client"), expected_rating(n, "provider"))
            for side, value in zip(("client", "provider"), values, strict=True):
                row = card.rows[side]
                if (n + (side == "provider")) % 2:
                    row.setFocus()
                    qtbot.keyClick(row, Qt.Key(Qt.Key.Key_0.value + value))
                else:
                    click(qtbot, row.buttons[value])
                assert row.value == value
            gap = abs(values[0] - values[1])
            assert card.gap_badge.isVisibleTo(card) == (gap >= 2)
            if gap >= 2:
                assert card.gap_badge.text() == f"Gap {gap}"
            expected[(section.key, question.key)] = values
            n += 1
        total = 2 * len(section.questions)
        step = view.navigator.currentItem()
        assert step.data(PROGRESS_ROLE) == f"{total}/{total} rated" and step.data(FINISHED_ROLE)
    assert window.save_state.text() == "Saved"
    m = on_disk(db_path, meeting_id)
    stored = {
        (s.key, q.key): (q.client_rating, q.provider_rating)
        for s in m.sections
        for q in s.questions
    }
    assert stored == expected
    assert n == sum(len(s.questions) for s in sections) >= 10
    assert any(abs(c - p) >= 2 for c, p in expected.values())
    return expected


def notes_decision_action(qtbot, window: MainWindow, db_path: Path, meeting_id: int) -> str:
    """Step 2b: notes, a decision and an action (through the Add action dialog) in a section."""
    view = window.meeting_view
    section = window.session.meeting.sections[0]
    view.go_to(f"section:{section.key}")
    page = view.current_page()

    page.notes.setFocus()
    page.notes.insertPlainText(NOTES)
    assert window.save_state.text() == "Saving…"
    with qtbot.waitSignal(window.session.saved, timeout=3000):
        pass
    assert on_disk(db_path, meeting_id).section(section.key).notes == NOTES

    page.decision_input.setText(DECISION)
    click(qtbot, page.add_decision_button)
    assert page.decision_input.text() == ""
    assert [d.text for d in on_disk(db_path, meeting_id).section(section.key).decisions] == [
        DECISION
    ]

    def fill(d: NewActionDialog) -> None:
        assert not d.ok_button.isEnabled()
        d.text.setText(ACTION)
        d.owner.setCurrentIndex(d.owner.findData("Maria Santos"))
        assert d.side.currentData() == "provider"  # picked from the attendee
        d.due.setDate(QDate(ACTION_DUE.year, ACTION_DUE.month, ACTION_DUE.day))
        assert d.section.currentData() == section.key
        click(qtbot, d.ok_button)

    modal = Modal(NewActionDialog, fill)
    click(qtbot, page.add_action_button)
    modal.check()
    back_to(qtbot, window)
    [action] = on_disk(db_path, meeting_id).actions
    assert (action.text, action.owner, action.side, action.due, action.section, action.status) == (
        ACTION,
        "Maria Santos",
        "provider",
        ACTION_DUE,
        section.key,
        "open",
    )
    [listed] = [w for w in page.findChildren(QLabel) if w.accessibleName() == "Actions raised here"]
    assert f"• {ACTION}\nMaria Santos · Provider · due 18 Dec 2026" in listed.plain_text()
    return section.key


def add_goal(qtbot, window: MainWindow, db_path: Path, meeting_id: int) -> None:
    """Step 2c: a new SMART goal on the Goals page; its live indicators follow the fields."""
    view = window.meeting_view
    view.go_to("goals")
    page = view.current_page()
    click(qtbot, page.new_button)
    assert [g.title for g in on_disk(db_path, meeting_id).goals] == ["New goal"]
    fields = page.editor.fields
    assert fields["title"].hasFocus() or fields["title"].selectedText() == "New goal"
    assert page.smart.met() == dict.fromkeys("SMART", False)

    fields["title"].selectAll()
    fields["title"].insert(GOAL["title"])
    fields["specific"].insertPlainText(GOAL["specific"])
    assert page.smart.met()["S"] and not page.smart.met()["M"]
    fields["measure"].insert(GOAL["measure"])
    assert not page.smart.met()["M"]  # a measure without a target is not yet measurable
    for name in ("baseline", "target", "current"):
        fields[name].insert(GOAL[name])
    assert page.smart.met()["M"]
    fields["achievable"].insertPlainText(GOAL["achievable"])
    fields["relevant"].insertPlainText(GOAL["relevant"])
    assert page.smart.met() == {"S": True, "M": True, "A": True, "R": True, "T": False}
    fields["due"].setDate(QDate(GOAL_DUE.year, GOAL_DUE.month, GOAL_DUE.day))
    assert page.smart.met() == dict.fromkeys("SMART", True)
    fields["owner_side"].setCurrentIndex(fields["owner_side"].findData("joint"))
    assert window.save_state.text() == "Saved"  # the owner side saves at once, with the rest
    [goal] = on_disk(db_path, meeting_id).goals
    assert {k: getattr(goal, k) for k in GOAL} == GOAL
    assert (goal.due, goal.owner_side, goal.status) == (GOAL_DUE, "joint", "on_track")


def sign_off(qtbot, window: MainWindow, db_path: Path, meeting_id: int, log, section: str) -> None:
    """Step 3: two signers draw on their pads; "Sign off and lock" locks the file's meeting."""
    view = window.meeting_view
    view.go_to("wrapup")
    page = view.current_page()
    assert html.escape(DECISION, quote=False) in page.decisions.text()
    assert html.escape(ACTION, quote=False) in page.actions.text()
    client, provider = page.strip.rows[:2]
    assert (client.signer_name, client.signer_side) == ("Trần Thị Hoa", "client")
    assert (provider.signer_name, provider.signer_side) == ("Maria Santos", "provider")
    assert not page.strip.sign_button.isEnabled()
    draw(client.pad, [(30, 70), (80, 40), (140, 80), (220, 50)])
    draw(client.pad, [(60, 90), (200, 95)])
    assert not page.strip.sign_button.isEnabled()
    draw(provider.pad, [(40, 50), (120, 90), (260, 60)])
    assert page.strip.sign_button.isEnabled()
    with qtbot.waitSignal(window.session.lock_changed, timeout=5000) as locked:
        click(qtbot, page.strip.sign_button)
    assert locked.args == [True]

    m = on_disk(db_path, meeting_id)
    assert m.locked and m.status == "signed_off"
    assert [(s.name, s.side, s.role) for s in m.signoff] == [
        ("Trần Thị Hoa", "client", "Chief operating officer"),
        ("Maria Santos", "provider", "Account director"),
    ]
    assert all(s.signature_png.startswith(PNG_MAGIC) for s in m.signoff)
    assert all(s.signed_at.tzinfo is not None for s in m.signoff)
    assert view.banner_box.isVisibleTo(view) and "Trần Thị Hoa" in view.banner.text()
    assert page.reopen_button.isVisibleTo(page) and not page.strip.isVisibleTo(page)
    wrapup = view.navigator.currentItem()
    assert wrapup.data(PROGRESS_ROLE) == "signed" and wrapup.data(FINISHED_ROLE)

    # Every page is read-only; an edit attempt is refused and the file keeps the old values.
    view.go_to(f"section:{section}")
    section_page = view.current_page()
    assert section_page.notes.isReadOnly()
    assert not section_page.decision_input.isVisibleTo(section_page)
    question = m.section(section).questions[0]
    row = section_page.cards[question.key].rows["client"]
    new_value = question.client_rating % 5 + 1
    assert not row.buttons[new_value].isEnabled()
    row.setFocus()
    qtbot.keyClick(row, Qt.Key(Qt.Key.Key_0.value + new_value))
    assert row.value == question.client_rating
    comment = section_page.cards[question.key].comment
    assert comment.isReadOnly()
    view.go_to("goals")
    goals = view.current_page()
    assert not goals.new_button.isEnabled()
    for field in goals.editor.fields.values():
        assert not field.isEnabled() or field.isReadOnly(), field.objectName()
    view.go_to("actions")
    actions = view.current_page()
    assert not actions.add_button.isEnabled() and not actions.remove_button.isEnabled()
    model = actions.model
    for col in range(model.columnCount()):
        assert not model.flags(model.index(0, col)) & Qt.ItemFlag.ItemIsEditable
    s = window.session
    s.write(Change.NOTES, s.portfolio.set_notes, meeting_id, section, "changed after sign-off")
    assert window.save_state.text() == "Not saved"
    assert "locked" in log.errors[-1]
    after = on_disk(db_path, meeting_id)
    assert after.section(section).notes == NOTES
    assert after.section(section).question(question.key).client_rating == (question.client_rating)


def export_pdf(qtbot, window: MainWindow, log, target: Path) -> None:
    """Step 4a: Ctrl+E, the save path answered, the real background export run to its end."""
    log.save_path = target
    errors, asked, done = (
        len(log.errors),
        len(log.kinds("save_file")),
        len(log.kinds("export_done")),
    )
    back_to(qtbot, window)
    assert window.export_pdf_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert [c[1] for c in log.kinds("save_file")[asked:]] == ["Export PDF minutes"]
    qtbot.waitUntil(
        lambda: len(log.kinds("export_done")) > done or len(log.errors) > errors, timeout=45000
    )
    assert log.errors[errors:] == []
    assert [c[2] for c in log.kinds("export_done")[done:]] == [str(target)]
    assert target.read_bytes().startswith(b"%PDF")


def check_pdf(pdf: Path, ratings: dict, db_path: Path, meeting_id: int) -> None:
    """Step 4b: the PDF holds what was typed, rated and signed."""
    flat = " ".join(pdf_text(pdf).split())
    m = on_disk(db_path, meeting_id)
    for needed in (
        CLIENT,
        PROVIDER,
        TITLE,
        LOCATION,
        *(f"Present: {name} ({role})" for name, _side, role in ATTENDEES),
        f"Notes {NOTES} Decisions",  # literally, markup and all
        DECISION,
        ACTION,
        "Maria Santos Provider 18 Dec 2026 Open",
        *GOAL.values(),
        "31 Mar 2027",
        "by Trần Thị Hoa (Client) and Maria Santos (Provider).",
        "Trần Thị Hoa Client · Chief operating officer",
        "Maria Santos Provider · Account director",
    ):
        assert " ".join(needed.split()) in flat, needed
    # Each question's row in its section carries both sides' ratings and, when due, its gap.
    gaps = 0
    for section in m.sections:
        for q in section.questions:
            client, provider = ratings[(section.key, q.key)]
            at = flat.rfind(q.text)  # the last mention: its section's table, after the gap list
            assert at >= 0, q.text
            rest = flat[at + len(q.text) :]
            assert rest.startswith(f" Client {client} · Provider {provider}"), (q.text, rest[:60])
            gap = abs(client - provider)
            rest = rest[len(f" Client {client} · Provider {provider}") :]
            assert rest.startswith(f" Gap {gap}") == (gap >= 2), (q.text, rest[:60])
            gaps += gap >= 2
    assert f"Perception gaps ({gaps})" in flat
    # The summary table: each section's client and provider averages and their difference
    # (of the averages as printed, so that a row adds up).
    for section in m.sections:
        pairs = [ratings[(section.key, q.key)] for q in section.questions]
        client = sum(c for c, _p in pairs) / len(pairs)
        provider = sum(p for _c, p in pairs) / len(pairs)
        # one decimal, halves up as a spreadsheet rounds; the gap is that of the printed averages
        shown = [
            Decimal(repr(v)).quantize(Decimal("0.1"), ROUND_HALF_UP) for v in (client, provider)
        ]
        row = f"{section.title} {shown[0]} {shown[1]} {abs(shown[0] - shown[1])}"
        assert row in flat, row
    # The two drawn signatures are in it, at the size of the stored images.
    listed = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True, timeout=60
    ).stdout.splitlines()[2:]
    sizes = sorted((int(line.split()[3]), int(line.split()[4])) for line in listed)
    stored = sorted(
        (image.width(), image.height())
        for image in (QImage.fromData(s.signature_png, "PNG") for s in m.signoff)
    )
    assert sizes == stored and len(stored) == 2


def reopen(
    qtbot, window: MainWindow, db_path: Path, meeting_id: int, monkeypatch, section: str
) -> tuple[RatingRow, int]:
    """Step 5: Reopen… with a reason voids the signatures and makes the pages editable again."""
    view = window.meeting_view
    view.go_to("wrapup")
    page = view.current_page()
    asked: list[QWidget] = []
    monkeypatch.setattr(
        wrapup_page, "ask_reopen_reason", lambda parent: asked.append(parent) or REOPEN_REASON
    )
    with qtbot.waitSignal(window.session.lock_changed, timeout=5000) as unlocked:
        click(qtbot, page.reopen_button)
    assert unlocked.args == [False] and asked == [page]
    m = on_disk(db_path, meeting_id)
    assert not m.locked and m.signoff == []
    assert [(r.reason, r.voided) for r in m.reopenings] == [
        (REOPEN_REASON, ["Trần Thị Hoa", "Maria Santos"])
    ]
    assert REOPEN_REASON in page.history.text()
    assert not view.banner_box.isVisibleTo(view)
    assert page.strip.isVisibleTo(page) and not page.strip.sign_button.isEnabled()

    view.go_to(f"section:{section}")
    section_page = view.current_page()
    assert not section_page.notes.isReadOnly()
    question = m.section(section).questions[0]
    row = section_page.cards[question.key].rows["client"]
    new_value = question.client_rating % 5 + 1
    assert row.buttons[new_value].isEnabled()
    return row, new_value


def test_a_whole_review_through_the_window(
    qtbot, window: MainWindow, db_path: Path, dialog_log, monkeypatch, tmp_path: Path, capsys
):
    meeting_id = create_review(qtbot, window, db_path)
    ratings = rate_everything(qtbot, window, db_path, meeting_id)
    section = notes_decision_action(qtbot, window, db_path, meeting_id)
    add_goal(qtbot, window, db_path, meeting_id)
    sign_off(qtbot, window, db_path, meeting_id, dialog_log, section)

    pdf = tmp_path / "out" / "minutes.pdf"
    pdf.parent.mkdir()
    export_pdf(qtbot, window, dialog_log, pdf)
    check_pdf(pdf, ratings, db_path, meeting_id)
    capsys.readouterr()
    assert verify(pdf, db_path) == 0
    out = capsys.readouterr().out
    assert (
        "OK   portfolio: minutes of meeting" in out
        and "by Trần Thị Hoa (Client) and Maria Santos (Provider)." in out
    )

    row, new_value = reopen(qtbot, window, db_path, meeting_id, monkeypatch, section)
    assert verify(pdf, db_path) == 1
    assert "FAIL portfolio: " in (out := capsys.readouterr().out)
    assert "changed after this PDF was exported" in out

    # Editable again: a changed rating is stored, and a fresh export is a verified draft.
    click(qtbot, row.buttons[new_value])
    m = on_disk(db_path, meeting_id)
    assert m.section(section).questions[0].client_rating == new_value
    draft = tmp_path / "out" / "minutes-draft.pdf"
    export_pdf(qtbot, window, dialog_log, draft)
    flat = " ".join(pdf_text(draft).split())
    assert NOTES in flat and "Signed off on" not in flat
    on = moment_text(m.reopenings[0].reopened_at)
    assert f"Amended after sign-off on {on}: {REOPEN_REASON}" in flat
    assert "Signatures voided: Trần Thị Hoa, Maria Santos." in flat
    assert verify(draft, db_path) == 0
    assert "DRAFT — not signed off" in capsys.readouterr().out
    assert verify(pdf, db_path) == 1
