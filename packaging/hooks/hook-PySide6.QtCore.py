# Replaces PyInstaller's hook for PySide6.QtCore: the same collection, trimmed by qt_trim.py.
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from qt_trim import trimmed  # noqa: E402

hiddenimports, binaries, datas = trimmed(__file__)
