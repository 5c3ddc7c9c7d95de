"""The window's part of ``reviewdesk --smoke-test`` (app/smoke.py runs the review before it).

The real main window opens on the smoke test's portfolio, opens the signed-off review, shows
every page of it, paints, and closes: so the Qt platform plugin, the SVG plugins the stylesheet
and icons need, the fonts and every page's module are proven present. Settings go to the scratch
folder (the user's window size and recent files are never touched); a dialog that would open is
a failure of its step, not a wait for a click.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from reviewdesk.app.smoke import Scratch, SmokeFailed, Step

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from reviewdesk.ui.main_window import MainWindow

PAINT_TIMEOUT_MS = 30_000


def default_platform() -> None:
    """Headless unless told otherwise: the smoke test shows no window on a user's screen (give
    QT_QPA_PLATFORM=xcb or wayland to prove that plugin instead)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class WindowSteps:
    """The window steps, sharing one window; use as a context manager around the run."""

    def __init__(self) -> None:
        self.app: QApplication | None = None
        self.window: MainWindow | None = None
        self.pages = 0
        self.problems: list[str] = []  # dialogs refused, errors raised inside Qt's calls

    def steps(self) -> tuple[Step, ...]:
        return tuple(
            (name, self._checked(step))
            for name, step in (
                ("open the window", self.open_window),
                ("open the review in the window", self.open_meeting),
                ("show every page", self.show_pages),
                ("paint", self.paint),
                ("close the window", self.close_window),
            )
        )

    @contextmanager
    def scoped(self) -> Iterator[WindowSteps]:
        """While the steps run: settings in the scratch folder (set by :meth:`open_window`),
        every dialog refused, and an error raised inside a call from Qt (a slot, an event)
        recorded for the step, as a dialog would have shown it."""
        from reviewdesk.ui import messages, settings

        saved_env = os.environ.get(settings.SETTINGS_ENV)
        saved = {  # every message box and file dialog (ui/messages.py)
            name: value
            for name, value in vars(messages).items()
            if callable(value)
            and getattr(value, "__module__", "") == messages.__name__
            and not name.startswith("_")
        }
        saved_hook = sys.excepthook
        for name in saved:
            setattr(messages, name, self._refuse_dialog(name))
        sys.excepthook = self._unexpected
        try:
            yield self
        finally:
            sys.excepthook = saved_hook
            if self.window is not None:
                view = getattr(self.window, "meeting_view", None)
                if view is not None:  # its pages build no more from the file closing now
                    view.stop_building()
                self.window.hide()
                self.window.deleteLater()
                self.window = None
            for name, function in saved.items():
                setattr(messages, name, function)
            if saved_env is None:
                os.environ.pop(settings.SETTINGS_ENV, None)
            else:
                os.environ[settings.SETTINGS_ENV] = saved_env

    # ---- steps -----------------------------------------------------------------------------

    def open_window(self, s: Scratch) -> None:
        from PySide6.QtWidgets import QApplication

        from reviewdesk.ui import settings, style
        from reviewdesk.ui.app import name_application
        from reviewdesk.ui.main_window import MainWindow

        if s.portfolio is None:
            raise SmokeFailed("no portfolio to show (an earlier step did not make it)")
        os.environ[settings.SETTINGS_ENV] = str(s.folder / "settings.ini")
        app = QApplication.instance() or QApplication(sys.argv[:1])
        assert isinstance(app, QApplication)
        self.app = app
        name_application(app)
        style.apply(app, 1.0)
        self.window = MainWindow(None, s.db)
        self.window.show()
        self.window.set_portfolio(s.portfolio)
        app.processEvents()
        if self.window.home is None:
            raise SmokeFailed("the window shows no home page")
        s.notes.append(f"Qt platform {app.platformName()}")

    def open_meeting(self, s: Scratch) -> None:
        window = self._window()
        window.open_meeting(s.meeting_id or -1)
        if window.session is None or window.session.meeting.id != s.meeting_id:
            raise SmokeFailed(f"review {s.meeting_id} did not open in the window")

    def show_pages(self, s: Scratch) -> None:
        """Every step of the meeting (the agenda's sections, goals, actions, wrap-up): each page
        module is imported as it is first shown."""
        window = self._window()
        view = window.meeting_view
        if view is None:
            raise SmokeFailed("no review is open")
        keys = view.navigator.keys()
        for key in keys:
            view.go_to(key)
            self._app().processEvents()
            if view.current_key() != key or view.current_page() is None:
                raise SmokeFailed(f"the page {key!r} did not show")
            self.pages += 1
        s.notes.append(f"{self.pages} pages shown")

    def paint(self, s: Scratch) -> None:
        """A real paint of the window through the platform plugin, then the plugins for SVG
        (stylesheet arrows, icons) and a font."""
        from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
        from PySide6.QtGui import QFontDatabase, QImageReader

        from reviewdesk.ui import style

        window, app = self._window(), self._app()
        loop = QEventLoop()
        painted: list[bool] = []

        class PaintSpy(QObject):
            def eventFilter(self, watched, event):
                if event.type() == QEvent.Type.Paint and watched is window:
                    painted.append(True)
                    QTimer.singleShot(0, loop.quit)
                return False

        spy = PaintSpy()
        window.installEventFilter(spy)
        try:
            window.update()
            QTimer.singleShot(PAINT_TIMEOUT_MS, loop.quit)
            loop.exec()
        finally:
            window.removeEventFilter(spy)
        if not painted:
            raise SmokeFailed(f"the window was not painted within {PAINT_TIMEOUT_MS / 1000:.0f} s")
        image = window.grab().toImage()
        if image.isNull() or len({image.pixel(x, y) for x, y in _samples(image)}) < 3:
            raise SmokeFailed("the window painted blank")
        if b"svg" not in {bytes(f.data()) for f in QImageReader.supportedImageFormats()}:
            raise SmokeFailed("no SVG image plugin (imageformats/qsvg): the stylesheet's arrows")
        icon = style.resource_icon("chevron-down.svg")
        if icon.pixmap(16, 16).isNull():
            raise SmokeFailed("no SVG icon engine (iconengines/qsvgicon)")
        if not QFontDatabase.families():
            raise SmokeFailed("no fonts found")
        if app.windowIcon().pixmap(32, 32).isNull():
            raise SmokeFailed("the window has no icon (resources/icons/reviewdesk.svg)")
        app.processEvents()

    def close_window(self, s: Scratch) -> None:
        window = self._window()
        if not window.close():
            raise SmokeFailed("the window refused to close")
        self._app().processEvents()
        if window.isVisible():
            raise SmokeFailed("the window is still shown after closing")

    # ---- helpers ---------------------------------------------------------------------------

    def _checked(self, step: Callable[[Scratch], None]) -> Callable[[Scratch], None]:
        def run(s: Scratch) -> None:
            step(s)
            if self.problems:
                problems, self.problems = self.problems, []
                raise SmokeFailed("; ".join(problems))

        return run

    def _refuse_dialog(self, name: str) -> Callable[..., object]:
        def refuse(_parent, title="", message="", *args, **kwargs):
            problem = f"a dialog would have opened ({name}): {title}: {message}"
            self.problems.append(problem)
            raise SmokeFailed(problem)

        return refuse

    def _unexpected(self, kind, value, tb) -> None:
        import traceback

        self.problems.append(f"{kind.__name__}: {value}")
        traceback.print_exception(kind, value, tb)

    def _window(self) -> MainWindow:
        if self.window is None:
            raise SmokeFailed("no window (an earlier step did not open it)")
        return self.window

    def _app(self) -> QApplication:
        if self.app is None:
            raise SmokeFailed("no application (an earlier step did not start it)")
        return self.app


def _samples(image) -> Iterator[tuple[int, int]]:
    """A grid of points across the image."""
    for i in range(1, 16):
        for j in range(1, 16):
            yield image.width() * i // 16, image.height() * j // 16
