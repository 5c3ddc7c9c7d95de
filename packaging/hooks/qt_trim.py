"""Which Qt plugins and translations the reviewdesk bundle keeps (used by the hook-PySide6.*.py
files beside this one, which replace PyInstaller's own hooks for those modules).

Trimming here, in the hooks, rather than after Analysis matters: PyInstaller follows each
collected plugin's shared-library dependencies, so a plugin dropped only afterwards would still
have dragged its libraries in (the GTK3 theme alone brings cairo, pango, gdk-pixbuf, atk, ...).
"""

from __future__ import annotations

import os

# Plugin folders kept, and within them the plugins kept (None = the whole folder). Names are
# without the platform's "lib" prefix and extension: qxcb = libqxcb.so / qwindows.dll / ...
KEEP_PLUGINS: dict[str, set[str] | None] = {
    # offscreen: smoke test and CI; minimal: `-platform minimal` diagnostics; xcb: X11 and
    # XWayland; wayland: native Wayland; windows: Windows; cocoa: macOS
    "platforms": {"qoffscreen", "qminimal", "qxcb", "qwayland", "qwindows", "qcocoa"},
    "xcbglintegrations": None,  # xcb asks for a GL integration at start (GLX/EGL from the system)
    "wayland-decoration-client": None,  # window title bars under Wayland compositors without SSD
    "wayland-graphics-integration-client": None,
    # the desktop shell protocol; ivi/fullscreen/wl-shell/qt-shell are for embedded systems
    "wayland-shell-integration": {"xdg-shell"},
    # dead keys and input methods (accented names)
    "platforminputcontexts": {
        "composeplatforminputcontextplugin",
        "ibusplatforminputcontextplugin",
    },
    # portal file dialogs (Flatpak/Snap); NOT gtk3: see below
    "platformthemes": {"qxdgdesktopportal"},
    # the stylesheet's SVG chevron and the SVG window icon; .ico on Windows (PNG is built in)
    "imageformats": {"qsvg", "qico"},
    "iconengines": {"qsvgicon"},  # QIcon from SVG
    # Windows: qmodernwindowsstyle/qwindowsvistastyle; macOS: qmacstyle (native look)
    "styles": None,
}
# Dropped, and why:
#   platformthemes/qgtk3: links GTK3 -> PyInstaller bundles the build host's cairo, pango,
#     gdk-pixbuf, atk, glib; at run time it dlopens the user's libgtk-3 against those copies
#     (symbol clashes on newer distros). Fusion + the app's stylesheet look the same without it.
#   platforms eglfs/linuxfb/vnc/vkkhrdisplay/minimalegl, egldeviceintegrations, generic (evdev,
#     tuio): embedded/kiosk back ends.
#   imageformats gif/jpeg/tga/tiff/wbmp/webp/icns/pdf: nothing in the app reads those formats.
#   platforminputcontexts/qtvirtualkeyboardplugin: pulls QtQuick + QtQml.
#   networkinformation, tls, sqldrivers, printsupport, qmltooling, designer...: modules not used.

# Qt's own translations (qtbase_de.qm, ...) are only read through a QTranslator, which the app
# does not install (its text is English): none are kept. Add "qtbase" here if that changes.
KEEP_TRANSLATIONS: tuple[str, ...] = ()


def plugin_name(path: str) -> tuple[str, str] | None:
    """('platforms', 'qxcb') for .../plugins/platforms/libqxcb.so, else None."""
    parts = path.replace("\\", "/").split("/")
    if "plugins" not in parts[:-1]:
        return None
    at = parts.index("plugins")
    folder = parts[at + 1] if at + 2 <= len(parts) - 1 else ""
    stem = os.path.basename(path).split(".")[0]
    if stem.startswith("lib"):
        stem = stem[3:]
    return folder, stem


def keep_binary(src_dest: tuple[str, str]) -> bool:
    src, dest = src_dest
    found = plugin_name(os.path.join(dest, os.path.basename(src)))
    if found is None:
        return True
    folder, stem = found
    if folder not in KEEP_PLUGINS:
        return False
    wanted = KEEP_PLUGINS[folder]
    return wanted is None or stem in wanted


def keep_data(src_dest: tuple[str, str]) -> bool:
    src, dest = src_dest
    if src.endswith(".qm") and "translations" in dest.replace("\\", "/").split("/"):
        return os.path.basename(src).startswith(KEEP_TRANSLATIONS) if KEEP_TRANSLATIONS else False
    return True


def trimmed(hook_file: str):
    """PyInstaller's own Qt collection for the hook's module, minus what is not kept."""
    from PyInstaller.utils.hooks.qt import add_qt6_dependencies

    hiddenimports, binaries, datas = add_qt6_dependencies(hook_file)
    return (
        hiddenimports,
        [b for b in binaries if keep_binary(b)],
        [d for d in datas if keep_data(d)],
    )
