"""Write LICENSES/ into the bundle: the licence of everything it carries (run by packaging/build
with the build venv's Python: ``python packaging/notices.py dist/reviewdesk``).

* every Python distribution the app needs (reviewdesk's requirements, followed recursively), with
  the licence files of its wheel, listed with its version and licence in LICENSES/README.txt;
* Qt and Qt for Python (PySide6, shiboken6), whose wheels carry no licence file: the LGPL 3.0
  and the GPL 3.0 it extends, from packaging/licenses/, and where their source is;
* Python itself (the build Python's LICENSE.txt);
* on Debian, the copyright file of each system library the build host lent the bundle.
"""

from __future__ import annotations

import importlib.metadata as metadata
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

HERE = Path(__file__).resolve().parent
LICENCE_FILE = re.compile(r"(^|/)(licen[cs]e|copying|notice|authors)[^/]*$", re.IGNORECASE)
QT_NOTICE = """\
Qt 6 and Qt for Python (PySide6, shiboken6) by The Qt Company Ltd. and other contributors,
used under the GNU Lesser General Public License version 3 (LGPL-3.0.txt, which extends the GNU
GPL version 3, GPL-3.0.txt). The bundle links them dynamically: the libraries in
_internal/PySide6/Qt/lib and the PySide6 modules can be replaced by other builds of the same
version. Their source code is published by the Qt Project (Qt for Python and Qt 6 source
archives of the version below), and on request from the distributor of this bundle.
"""


def requirement_names(dist: metadata.Distribution) -> list[str]:
    names = []
    for req in dist.requires or []:
        if "extra ==" in req:
            continue
        names.append(re.split(r"[\s;<>=!~\[(]", req, maxsplit=1)[0])
    return names


def closure(root: str) -> list[metadata.Distribution]:
    seen: dict[str, metadata.Distribution] = {}
    todo = [root]
    while todo:
        name = todo.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen[key] = dist
        todo.extend(requirement_names(dist))
    return sorted(seen.values(), key=lambda d: d.metadata["Name"].lower())


def licence_of(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    found = meta.get("License-Expression") or ""
    if not found and meta.get("License") and len(meta["License"]) < 80:
        found = meta["License"]
    if not found:
        found = ", ".join(
            c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if "License ::" in c
        )
    return found or "see its files"


def main(bundle: Path) -> None:
    out = bundle / "LICENSES"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    lines = ["Licences of what this bundle carries.", "", "Python distributions:"]
    for dist in closure("reviewdesk"):
        name, version = dist.metadata["Name"], dist.version
        copied = 0
        for file in dist.files or []:
            if ".dist-info/" in str(file) and LICENCE_FILE.search(str(file)):
                target = out / name / Path(str(file)).name
                target.parent.mkdir(exist_ok=True)
                shutil.copyfile(dist.locate_file(file), target)
                copied += 1
        where = f"{name}/" if copied else "no licence file in its wheel"
        lines.append(f"  {name} {version}: {licence_of(dist)} ({where})")
    qt = out / "Qt"
    qt.mkdir()
    for text in ("LGPL-3.0.txt", "GPL-3.0.txt"):
        shutil.copyfile(HERE / "licenses" / text, qt / text)
    pyside = metadata.version("PySide6-Essentials")
    (qt / "NOTICE.txt").write_text(f"{QT_NOTICE}\nVersion: Qt / PySide6 {pyside}\n")
    lines += ["", f"Qt and Qt for Python {pyside}: LGPL-3.0 (Qt/)"]
    python_licence = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
    if python_licence.exists():
        shutil.copyfile(python_licence, out / "Python-LICENSE.txt")
        lines.append(f"Python {sys.version.split()[0]}: PSF-2.0 (Python-LICENSE.txt)")
    lines += system_libraries(bundle, out)
    (out / "README.txt").write_text("\n".join(lines) + "\n")


def system_libraries(bundle: Path, out: Path) -> list[str]:
    """Debian's copyright file of each library the build host lent (top of _internal/)."""
    if not shutil.which("dpkg"):
        return []
    lines = ["", "System libraries of the build host (Debian packages):"]
    folder = out / "system"
    folder.mkdir()
    names = [
        lib.name
        for lib in sorted((bundle / "_internal").glob("lib*.so*"))
        if not lib.is_symlink() and not lib.name.startswith("libpython")  # Python's: above
    ]
    # dpkg knows a file under one spelling (/lib or /usr/lib, before and after usrmerge): ask both
    bases = ("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib", "/lib")
    paths = [f"{base}/{name}" for name in names for base in bases if Path(base, name).exists()]
    if not paths:
        return []
    found = subprocess.run(["dpkg", "-S", *paths], capture_output=True, text=True)
    owners = {}
    for line in found.stdout.splitlines():  # "libx11-6:amd64: /usr/lib/.../libX11.so.6"
        package, _, path = line.partition(": ")
        owners.setdefault(Path(path.strip()).name, package.split(":", 1)[0])
    for name in names:
        owner = owners.get(name)
        copyright_file = Path("/usr/share/doc") / str(owner) / "copyright"
        if owner and copyright_file.exists():
            shutil.copyfile(copyright_file, folder / f"{owner}.copyright")
            lines.append(f"  {name}: {owner} (system/{owner}.copyright)")
    return lines


if __name__ == "__main__":
    main(Path(sys.argv[1]))
