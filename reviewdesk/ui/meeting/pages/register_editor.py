"""The Register page's editor of one entry: both sides' views side by side (the client's on the
left in the client's colour, the provider's on the right in the provider's), the agreed cause,
the next step with its linked action items, the agreed note, and closing. Texts save as you
type (one TextSaver each); the choices save when picked. The page decides what is saved."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.record import scorecard_wording as words
from reviewdesk.record.model import OWNER_SIDES, Action
from reviewdesk.record.scorecard import LIKELIHOODS, REGISTER_KINDS, SEVERITIES, RegisterEntry
from reviewdesk.record.wording import NO_VALUE, side_text
from reviewdesk.ui import style
from reviewdesk.ui.meeting.autosave import TextSaver
from reviewdesk.ui.widgets.cards import GrowingTextEdit, label, muted
from reviewdesk.ui.widgets.reflow import Reflow

if TYPE_CHECKING:
    from reviewdesk.ui.meeting.pages.register import RegisterPage

TEXTS = ("title", "client_view", "provider_view", "cause", "next_step", "agreed")
LONG = ("client_view", "provider_view", "cause", "next_step")
CHOICES = ("kind", "severity", "likelihood", "owner_side", "status")
LABELS = {
    "title": "&Title",
    "kind": "&Kind",
    "severity": "Se&verity",
    "likelihood": "&Likelihood (risks)",
    "owner_side": "O&wner",
    "status": "&Status",
    "client_view": "&Client's view",
    "provider_view": "&Provider's view",
    "cause": "Agreed ca&use",
    "next_step": "&Next step",
    "agreed": "A&greed note (both sides agree — lets it close with a view missing)",
}
ACTION_ROLE = Qt.ItemDataRole.UserRole + 1


def _combo(choices: list[tuple[str, Any]]) -> QComboBox:
    combo = QComboBox()
    for text, value in choices:
        combo.addItem(text, value)
    return combo


class EntryEditor(QWidget):
    """The fields of one register entry, made in two parts (``make_rest``): each is a turn's
    work, a few dozen widgets."""

    def __init__(self, page: RegisterPage):
        super().__init__(page)
        self.page = page
        self.fields: dict[str, QWidget] = {}
        self.savers: dict[str, TextSaver] = {}
        self.fields["title"] = QLineEdit()
        self.fields["agreed"] = QLineEdit(self)  # laid out by make_rest: a child already
        self._saved_as_typed(("title", "agreed"))
        not_set = (f"{NO_VALUE} not set", None)
        self.fields["kind"] = _combo([(words.kind_text(k), k) for k in REGISTER_KINDS])
        self.fields["severity"] = _combo([(words.severity_text(k), k) for k in SEVERITIES])
        self.fields["likelihood"] = _combo(
            [not_set, *((words.likelihood_text(k), k) for k in LIKELIHOODS)]
        )
        self.fields["owner_side"] = _combo([not_set, *((side_text(k), k) for k in OWNER_SIDES)])
        self.fields["status"] = _combo(
            [(words.register_status_text(k), k) for k in ("open", "mitigating")]
        )
        for name in CHOICES:
            combo = self.fields[name]
            assert isinstance(combo, QComboBox)
            combo.currentIndexChanged.connect(lambda _i, n=name: page.choice_edited(n))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        style.scaled(layout, spacing=10)
        layout.addLayout(self._field("title"))
        self.choices = Reflow(spacing=12)  # one under another on a narrow page
        for name in CHOICES:
            self.choices.add(self._field(name), 1)
        layout.addWidget(self.choices)
        self.age = muted("")
        self.age.setAccessibleName("Age")
        layout.addWidget(self.age)
        self._layout = layout

    def make_rest(self) -> None:
        """The second part: the long texts (both sides' views, cause and next step), linked
        actions, agreed note, closing."""
        page, layout = self.page, self._layout
        for name in LONG:
            self.fields[name] = GrowingTextEdit(min_lines=3)  # grows: never scrolls inside
        for side in ("client", "provider"):
            self.fields[f"{side}_view"].setProperty("side", side)
        self._saved_as_typed(LONG)
        views = Reflow(spacing=12)  # the provider's under the client's on a narrow page
        for side in ("client", "provider"):
            box = self._field(f"{side}_view")
            box.itemAt(0).widget().setProperty("side", side)  # the caption in the side colour
            views.add(box, 1)
        layout.addWidget(views)
        cause = Reflow(spacing=12)
        cause.add(self._field("cause"), 1)
        cause.add(self._field("next_step"), 1)
        layout.addWidget(cause)

        layout.addWidget(
            label("Action items of this review that take it forward", "strong", wrap=True)
        )
        self.actions = QListWidget()
        self.actions.setAccessibleName("Linked action items")
        self.actions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.actions.setWordWrap(True)
        # every item shows: the page scrolls, not the list (see _fit_actions)
        self.actions.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.actions.itemChanged.connect(page.action_toggled)
        self.actions.installEventFilter(self)
        self._actions_shown = 0  # how many times the list was filled (see _fit_actions)
        self._fitted: tuple[int, int, str] | None = None
        layout.addWidget(self.actions)
        self.no_actions = muted("No action items on this review yet.")
        layout.addWidget(self.no_actions)
        row = QHBoxLayout()
        self.add_action_button = QPushButton("Add action…")
        self.add_action_button.setAccessibleName("Add an action for this entry")
        self.add_action_button.clicked.connect(page.add_action)
        row.addWidget(self.add_action_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addLayout(self._field("agreed"))
        self.error = label("", "error", wrap=True)
        self.error.setAccessibleName("Problem")
        self.error.hide()
        layout.addWidget(self.error)

        close_row = Reflow(spacing=12)  # one under another on a narrow page
        self.close_button = QPushButton("Close entry")
        self.close_button.setAccessibleName("Close the entry")
        self.close_button.clicked.connect(page.close_or_reopen)
        close_row.add(self.close_button)
        self.close_reason = muted("")
        self.close_reason.setAccessibleName("Why it cannot close yet")
        close_row.add(self.close_reason, 1)
        self.delete_button = QPushButton("Delete entry")
        self.delete_button.setAccessibleName("Delete the entry")
        self.delete_button.setToolTip(
            "Only an entry raised in this review can be deleted; close a carried one instead"
        )
        self.delete_button.clicked.connect(page.delete_entry)
        close_row.add(self.delete_button)
        layout.addWidget(close_row)
        for name, widget in self.fields.items():
            widget.setAccessibleName(LABELS[name].replace("&", "").split(" (")[0])
            widget.setObjectName(f"register_{name}")

    def _saved_as_typed(self, names: tuple[str, ...]) -> None:
        for name in names:
            editor = self.fields[name]
            assert isinstance(editor, QLineEdit | QPlainTextEdit)
            editor.textChanged.connect(self.page.typed)
            saver = TextSaver(editor, lambda text, n=name: self.page.save_text(n, text), self)
            saver.pending.connect(self.page.pending)
            saver.settled.connect(self.page.settled)
            self.savers[name] = saver

    def _field(self, name: str) -> QVBoxLayout:
        box = QVBoxLayout()
        style.scaled(box, spacing=4)
        caption = QLabel(LABELS[name])
        caption.setWordWrap(True)
        caption.setBuddy(self.fields[name])
        box.addWidget(caption)
        box.addWidget(self.fields[name])
        return box

    def _fit_actions(self) -> None:
        """The list as tall as its (wrapped) items, so it never scrolls inside the page."""
        view = self.actions
        if not view.isVisible():  # fitted when it shows, at its width then (Show, Resize)
            return
        # laid out again only for a new list, width or font: its own new height (which sends a
        # Resize too) wraps nothing differently, and each layout wraps every item's text
        key = (self._actions_shown, view.width(), view.font().key())
        if key == self._fitted:
            return
        self._fitted = key
        view.doItemsLayout()
        # an item's rect is its wrapped height at the list's width (sizeHintForRow is one line)
        rows = sum(view.visualItemRect(view.item(i)).height() for i in range(view.count()))
        height = rows + 2 * view.frameWidth() + view.spacing() * view.count()
        if view.height() != height or view.minimumHeight() != height:
            view.setFixedHeight(height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.actions and kind in (
            QEvent.Type.Show,  # filled while hidden
            QEvent.Type.Resize,  # a narrower list wraps its items onto more lines
            QEvent.Type.FontChange,  # View → Larger text
            QEvent.Type.StyleChange,
        ):
            # after the list has laid its items out at the new width
            QTimer.singleShot(0, self, self._fit_actions)
        return False

    # ---- showing -------------------------------------------------------------------------

    def value(self, name: str) -> Any:
        widget = self.fields[name]
        if isinstance(widget, QLineEdit):
            return widget.text()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        assert isinstance(widget, QComboBox)
        return widget.currentData()

    def typed_entry(self, entry: RegisterEntry) -> RegisterEntry:
        """The entry with the texts as typed now (saved or not)."""
        fields = {name: self.value(name) for name in TEXTS}
        return RegisterEntry(**{**vars(entry), **fields})

    def show_entry(self, entry: RegisterEntry, texts: dict[str, str], other: bool) -> None:
        for name in TEXTS:
            saver = self.savers[name]
            if other:
                saver.reset(texts[name])
            else:
                saver.show(texts[name])
        status = self.fields["status"]
        assert isinstance(status, QComboBox)
        if entry.is_open and status.findData("closed") >= 0:
            status.removeItem(status.findData("closed"))
        elif not entry.is_open and status.findData("closed") < 0:
            status.addItem(words.register_status_text("closed"), "closed")
        for name in CHOICES:
            combo = self.fields[name]
            assert isinstance(combo, QComboBox)
            index = max(0, combo.findData(getattr(entry, name)))
            if combo.currentIndex() != index:
                combo.blockSignals(True)
                combo.setCurrentIndex(index)
                combo.blockSignals(False)
        if other:
            self.show_error("")

    def show_actions(self, actions: list[Action], linked: set[int], reveal: bool = True) -> None:
        """The review's actions to link, those linked checked; with ``reveal=False`` the list
        stays hidden until ``reveal_actions()`` (its items are laid out when it shows)."""
        self._actions_shown += 1
        self.actions.blockSignals(True)
        self.actions.clear()
        for a in actions:
            who = f" — {a.owner}" if a.owner else ""
            item = QListWidgetItem(f"{a.text}{who}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if a.id in linked else Qt.CheckState.Unchecked)
            item.setData(ACTION_ROLE, a.id)
            self.actions.addItem(item)
        self.actions.blockSignals(False)
        if reveal:
            self.reveal_actions()
        else:
            self.actions.hide()
            self.no_actions.hide()

    def reveal_actions(self) -> None:
        """The list shown when it has items, else the line saying there are none."""
        count = self.actions.count()
        self.actions.setVisible(bool(count))
        self._fit_actions()
        self.no_actions.setVisible(not count)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def set_editable(self, meeting_open: bool, entry_open: bool) -> None:
        """A signed-off meeting reads only; a closed entry too, until it is reopened."""
        editable = meeting_open and entry_open
        for widget in self.fields.values():
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.setReadOnly(not editable)
            else:
                widget.setEnabled(editable)
        self.actions.setEnabled(editable)
        self.add_action_button.setEnabled(editable)

    def flush(self) -> None:
        for saver in self.savers.values():
            saver.flush()

    @property
    def dirty(self) -> bool:
        return any(saver.dirty for saver in self.savers.values())
