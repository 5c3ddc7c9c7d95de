"""People and private rounds for the tests of issue 13: 2 client and 3 provider attendees."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from reviewdesk.record.model import Participant
from reviewdesk.store.portfolio import Portfolio
from reviewdesk.store.templates import default_agenda

PEOPLE = [
    Participant("Ana Reyes", "client", "Operations lead"),
    Participant("Cem Aydın", "client", "Finance lead"),
    Participant("Ben Cruz", "provider", "Account manager"),
    Participant("Dao Minh", "provider", "Data entry supervisor"),
    Participant("Eli Sá", "provider", "Team lead"),
    Participant("Fay Lim", "facilitator", "Facilitator"),
]
RATERS = [p.name for p in PEOPLE if p.side != "facilitator"]
AT = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC)
TRUST = ["transparency", "bad_news_early", "understand_aims", "confidence"]


def new_meeting(portfolio: Portfolio, title: str = "Q4 2026 review") -> int:
    p = portfolio.add_partnership("Acme Shipping", "Nimbus BPO", "Data entry")
    return portfolio.create_meeting(
        p.id, title=title, date=AT.date(), agenda=default_agenda(), participants=list(PEOPLE)
    )


def rate_round(
    portfolio: Portfolio,
    round_id: int,
    section: str,
    values: dict[str, list[int | None]],
    questions: list[str],
) -> None:
    """Each person rates (None: skips) the questions in turn and hands on."""
    for person, vs in values.items():
        for question, value in zip(questions, vs, strict=True):
            portfolio.give_rating(round_id, person, section, question, value, at=AT)
        portfolio.finish_rater(round_id, person)


def read_file(db: Path, sql: str) -> list[list]:
    """Rows of ``sql`` read from the SQLite file by another process (so the portfolio's own
    locks in this process are never dropped by a second descriptor on the file)."""
    script = (
        "import json, sqlite3, sys\n"
        "c = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)\n"
        "print(json.dumps([list(r) for r in c.execute(sys.argv[2])]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(db), sql], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


# ---- the window as a person in front of it sees (and hears) it ---------------------------

CHANGING = ("Meeting time", "Database file")  # a clock and the file's path: not about ratings


def screen_words(window) -> list[tuple]:
    """Everything a visible widget of ``window`` says: its text, accessible name and
    description, tooltip and checked state, the items of visible lists and combo boxes and the
    menus' entries — what a person sees, hovers or hears from a screen reader."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import (
        QAbstractButton,
        QComboBox,
        QListWidget,
        QPlainTextEdit,
        QTextEdit,
        QWidget,
    )

    out: list[tuple] = [("window", window.windowTitle())]
    # the menus' entries too (Edit → Undo names what it would undo), shown or not
    for a in window.findChildren(QAction):
        out.append(("action", a.text(), a.toolTip(), a.statusTip(), a.isEnabled()))
    for w in window.findChildren(QWidget):
        if not w.isVisible() or w.accessibleName() in CHANGING:
            continue
        if isinstance(w, QPlainTextEdit | QTextEdit):
            text = w.toPlainText()
        else:
            text = w.text() if callable(getattr(w, "text", None)) else ""
        checked = w.isChecked() if isinstance(w, QAbstractButton) and w.isCheckable() else None
        out.append(
            (
                type(w).__name__,
                text,
                w.accessibleName(),
                w.accessibleDescription(),
                w.toolTip(),
                checked,
            )
        )
        if isinstance(w, QComboBox):
            out.extend(("item", w.itemText(i)) for i in range(w.count()))
        if isinstance(w, QListWidget):
            for i in range(w.count()):
                item = w.item(i)
                roles = [item.data(r) for r in range(Qt.ItemDataRole.UserRole, 300)]
                out.append(
                    (
                        "item",
                        item.text(),
                        item.toolTip(),
                        item.data(Qt.ItemDataRole.AccessibleTextRole),
                        repr(roles),
                    )
                )
    return out


def checked_ratings(window) -> list[str]:
    """The accessible names of visible, checked rating buttons ('Client rates 4')."""
    from PySide6.QtWidgets import QPushButton

    return [
        b.accessibleName()
        for b in window.findChildren(QPushButton)
        if b.isVisible() and b.property("rating") and b.isChecked() and not b.property("clear")
    ]
