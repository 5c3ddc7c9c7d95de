"""Long user text fits the window: breakable long words, '…' on one-line labels, the header."""

from __future__ import annotations

import datetime as dt
import unicodedata

from PySide6.QtWidgets import QLabel

from reviewdesk.record.model import Action
from reviewdesk.store.templates import default_agenda
from reviewdesk.ui.meeting.pages.section import SectionPage
from reviewdesk.ui.meeting.view import MeetingHeader
from reviewdesk.ui.widgets.text_fit import ZWSP, ElidedLabel, breakable, html_text

LONG = "Supercalifragilisticexpialidocious" * 5  # 170 characters, no space


def test_only_long_words_get_break_points_and_the_text_reads_the_same():
    assert breakable("short words stay as they are") == "short words stay as they are"
    text = f"before {LONG} after"
    broken = breakable(text)
    assert broken.replace(ZWSP, "") == text
    assert broken.startswith("before ") and broken.endswith(" after")
    assert all(len(piece) <= 12 for piece in broken.split(" ")[1].split(ZWSP))
    assert html_text("<b>" + LONG + "</b>").startswith("&lt;b&gt;")


def test_no_break_point_between_a_letter_and_its_accent():
    word = unicodedata.normalize("NFD", "Nguyễn" * 8)  # letters followed by combining marks
    broken = breakable(word)
    assert broken.replace(ZWSP, "") == word
    for i, ch in enumerate(broken):
        if ch == ZWSP:
            assert not unicodedata.combining(broken[i + 1])


def test_elided_label_cuts_to_its_width_and_keeps_the_whole_text(qtbot):
    label = ElidedLabel("A very long company name that cannot possibly fit in a narrow label")
    qtbot.addWidget(label)
    label.resize(120, 30)
    label.show()
    shown = QLabel.text(label)
    assert shown.endswith("…") and len(shown) < len(label.text())
    assert label.text().startswith("A very long company name")  # whole, for code and tests
    assert label.toolTip() == label.text()
    assert label.minimumSizeHint().width() < 120


def test_meeting_header_keeps_both_sides_and_the_date_when_names_are_long(qtbot, portfolio):
    p = portfolio.add_partnership(
        "Compagnie Internationale de Transports Maritimes et Logistique Portuaire SAS",
        "Công ty Cổ phần Dịch vụ Xử lý Dữ liệu và Gia công Phần mềm Đà Nẵng",
        "Data entry",
    )
    mid = portfolio.create_meeting(
        p.id, title="Q4 2026 review", date=dt.date(2026, 11, 27), agenda=default_agenda()
    )
    header = MeetingHeader(portfolio.meeting(mid))
    qtbot.addWidget(header)
    header.resize(700, 30)
    header.show()
    shown = QLabel.text(header)
    assert shown.startswith("Compagnie") and " ↔ Công ty" in shown
    assert shown.count("…") >= 2  # each side cut on its own
    assert shown.endswith("Q4 2026 review  ·  27 Nov 2026")
    assert header.fontMetrics().horizontalAdvance(shown) <= 700
    assert header.text() == header.toolTip() and "Đà Nẵng" in header.text()


def test_a_long_word_in_decisions_and_actions_does_not_widen_the_section_page(qtbot, session):
    p, mid = session.portfolio, session.meeting_id
    key = session.meeting.sections[0].key
    p.add_decision(mid, key, f"Decision: {LONG}")
    p.add_action(mid, Action(f"Action: {LONG}", section=key))
    p.set_notes(mid, key, LONG)
    session.refresh()
    page = SectionPage(session, key)
    qtbot.addWidget(page)
    page.show()
    assert page.minimumSizeHint().width() < 800
