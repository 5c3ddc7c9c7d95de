"""Long user text fits the window: long words wrap where they must, '…' on one-line labels."""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from html import escape

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QTextDocument, QTextOption
from PySide6.QtWidgets import QApplication, QLabel

from reviewdesk.record.model import Action
from reviewdesk.store.templates import default_agenda
from reviewdesk.ui.meeting.pages.section import SectionPage
from reviewdesk.ui.meeting.view import MeetingHeader
from reviewdesk.ui.widgets import text_fit
from reviewdesk.ui.widgets.elided_label import ElidedLabel
from reviewdesk.ui.widgets.text_fit import UNLIMITED, WrapLabel

LONG = "Supercalifragilisticexpialidocious" * 5  # 170 characters, no space


def _shown_lines(label: WrapLabel, width: int) -> list[str]:
    """The lines the label draws at ``width`` pixels (from its own text layout)."""
    label.resize(width, label.heightForWidth(width))
    doc = label._document(label.contentsRect().width())
    doc.size()  # lays the text out
    lines = []
    block = doc.begin()
    while block.isValid():
        layout = block.layout()
        for n in range(layout.lineCount()):
            line = layout.lineAt(n)
            lines.append(block.text()[line.textStart() : line.textStart() + line.textLength()])
        block = block.next()
    return lines


def test_a_long_word_wraps_inside_the_label_and_the_text_stays_as_given(qtbot):
    text = f"before {LONG} after"
    label = WrapLabel(text)
    qtbot.addWidget(label)
    assert label.text() == text and "\u200b" not in label.text()  # nothing inserted
    assert label.minimumSizeHint().width() < 200  # the word does not set a minimum width
    lines = _shown_lines(label, 240)
    assert len(lines) > 3 and "".join(lines) == text
    assert lines[0].strip() == "before"  # a normal word is never cut when it fits
    assert all(label.fontMetrics().horizontalAdvance(line.strip()) <= 240 for line in lines)
    assert label.heightForWidth(240) > 3 * label.fontMetrics().lineSpacing()


def test_no_break_between_a_letter_and_its_accent(qtbot):
    word = unicodedata.normalize("NFD", "Nguyễn" * 12)  # letters followed by combining marks
    label = WrapLabel(word)
    qtbot.addWidget(label)
    lines = _shown_lines(label, 120)
    assert len(lines) > 2 and "".join(lines) == word
    assert not any(unicodedata.combining(line[0]) for line in lines)


def test_copy_gives_the_text_exactly_as_stored(qtbot):
    text = f"Template not used — /tmp/{LONG}/broken.json: sections: missing"
    label = WrapLabel(text)
    qtbot.addWidget(label)
    label.resize(200, label.heightForWidth(200))
    label.copy_action.trigger()  # the context menu's "Copy", or Ctrl+C
    assert QGuiApplication.clipboard().text() == text
    rich = WrapLabel()
    rich.setTextFormat(Qt.TextFormat.RichText)
    rich.setText(f"<b>{escape(LONG)}</b> &lt;tag&gt;")
    qtbot.addWidget(rich)
    rich.copy()
    assert QGuiApplication.clipboard().text() == f"{LONG} <tag>"


def test_the_context_menu_and_ctrl_c_copy_the_text(qtbot, monkeypatch):
    label = WrapLabel("Ana Reyes — client lead")
    qtbot.addWidget(label)
    label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    offered = []

    def choose_copy(menu, *_args):
        offered.extend(a.text() for a in menu.actions())
        menu.actions()[0].trigger()

    monkeypatch.setattr(text_fit, "show_menu", choose_copy)
    QGuiApplication.clipboard().setText("")
    QApplication.sendEvent(
        label, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(2, 2), QPoint(2, 2))
    )
    assert offered == ["Copy"] and QGuiApplication.clipboard().text() == label.text()
    QGuiApplication.clipboard().setText("")
    qtbot.keyClick(label, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == label.text()


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


def test_a_height_for_a_width_is_laid_out_once_until_the_text_changes(qtbot, monkeypatch):
    """A layout asks a label its height for the same widths again and again; each new width
    lays the whole text out again, so the answers are kept until the text or font changes."""
    label = WrapLabel("word " * 200)
    qtbot.addWidget(label)
    first = label.heightForWidth(200)
    wide = label.heightForWidth(600)
    assert first > wide > 0
    laid_out = []
    real = label._document
    monkeypatch.setattr(
        label, "_document", lambda width=None: laid_out.append(width) or real(width)
    )
    assert label.heightForWidth(200) == first and label.heightForWidth(600) == wide
    assert laid_out == []
    label.setText("word " * 400)
    assert label.heightForWidth(200) > first  # the new text, laid out anew
    assert laid_out == [UNLIMITED, 200 - label._frame()[0]]


def _laid_out_height(label: WrapLabel, width: int) -> int:
    """The height a fresh document gives the label's text at ``width`` (no shortcuts)."""
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setDefaultFont(label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(option)
    doc.setPlainText(label.text())
    doc.setTextWidth(width - label._frame()[0])
    return int(doc.size().height() + 0.999) + label._frame()[1]


@pytest.mark.parametrize("text", ["Overdue", "two words\nand a second line", "word " * 60])
def test_widths_the_text_fits_in_need_no_new_layout_and_give_the_same_height(
    qtbot, monkeypatch, text
):
    label = WrapLabel(text)
    qtbot.addWidget(label)
    label.setContentsMargins(3, 2, 3, 2)
    fits = math.ceil(label._ideal_width()) + label._frame()[0]
    laid_out = []
    real = label._document
    monkeypatch.setattr(
        label, "_document", lambda width=None: laid_out.append(width) or real(width)
    )
    for width in (fits, fits + 1, fits + 57, 5000):
        assert label.heightForWidth(width) == _laid_out_height(label, width)
    assert laid_out == []
    narrow = max(20, fits // 3)  # wraps: laid out at that width
    assert label.heightForWidth(narrow) == _laid_out_height(label, narrow)
    assert laid_out == [narrow - label._frame()[0]]


def test_a_new_font_lays_the_text_out_again_and_the_same_font_does_not(qtbot):
    label = WrapLabel("word " * 40)
    qtbot.addWidget(label)
    before = label.heightForWidth(150)
    doc = label._doc
    label.setStyleSheet("")  # a style change that keeps the font
    assert label._doc is doc and label.heightForWidth(150) == before
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    label.setFont(font)
    assert label._doc is not doc
    assert label.heightForWidth(150) > before
