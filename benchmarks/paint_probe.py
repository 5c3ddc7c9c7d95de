"""First-paint probe for bench_bundle.py: the same probe in the bundle, the venv and a bare window.

The bundle cannot run launch.py, so this probe goes into each program from outside: as a
PyInstaller runtime hook in a measurement build of the bundle (the same spec, built by
bench_bundle.py into its own folder; the shipped bundle has no hook), and as ``sitecustomize``
for the venv's ``reviewdesk`` and for a bare PySide6 window. With ``PAINT_PROBE=1`` it waits
for ``PySide6.QtWidgets`` to be imported and swaps in a ``QApplication`` subclass with an
application-wide event filter. At the first Paint event of a visible window it asks for one
more turn of the event loop - the paint pass is over and the backing store flushed then - and
prints ``painted <epoch seconds> <CPU seconds>`` on stderr, then ends the process at once.

Measurement only: never shipped, not imported by the package.
"""

import os
import sys
import time


def _patch(module) -> None:  # noqa: ANN001 - PySide6.QtWidgets
    from PySide6.QtCore import QEvent, QObject, QTimer

    base = module.QApplication

    class _Filter(QObject):
        done = False

        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            if (
                not self.done
                and event.type() == QEvent.Type.Paint
                and obj.isWidgetType()
                and obj.window().isVisible()
            ):
                self.done = True
                QTimer.singleShot(0, _report)
            return False

    def _report() -> None:
        print(f"painted {time.time():.6f} {time.process_time():.6f}", file=sys.stderr, flush=True)
        os._exit(0)

    class ProbeApplication(base):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._paint_probe = _Filter()
            self.installEventFilter(self._paint_probe)

    module.QApplication = ProbeApplication


def _install() -> None:
    import importlib.abc
    import importlib.util

    class _Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):  # noqa: ANN001
            if name != "PySide6.QtWidgets":
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(name)
            original = spec.loader.exec_module

            def exec_module(module) -> None:  # noqa: ANN001
                original(module)
                _patch(module)

            spec.loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, _Finder())


if os.environ.get("PAINT_PROBE"):
    _install()
