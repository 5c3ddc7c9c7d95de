"""export -o, export-csv -o and the window's exports write only a new file or an existing
regular file of the user's; anything else is refused in one line, before rendering, untouched."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest
from faultkit import assert_one_line_error, cli, sha

from reviewdesk.app.demo import load_demo
from reviewdesk.app.export import export_csv, export_json, prepare_minutes
from reviewdesk.record.errors import StorageError
from reviewdesk.store.opening import open_portfolio

NOBODY = 65534
OLD = b"%PDF-1.4 someone else's file %%EOF"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("targets") / "demo.sqlite"
    with open_portfolio(path) as portfolio:
        load_demo(portfolio)
    return path


def _device(path):
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a second /dev/null


def _fifo(path):
    os.mkfifo(path)


def _folder(path):
    path.mkdir()
    (path / "inside").write_bytes(b"keep")


def _read_only(path):
    path.write_bytes(OLD)
    path.chmod(0o444)


def _other_users(path):
    path.write_bytes(OLD)
    os.chown(path, NOBODY, NOBODY)


def _linked(make):
    def make_link(path):
        real = path.with_name("real-" + path.name)
        make(real)
        path.symlink_to(real)

    return make_link


def _dangling(path):
    path.symlink_to(path.with_name("nowhere") / "x.pdf")


REFUSED = {
    "a character device": (_device, "not a regular file"),
    "a named pipe": (_fifo, "not a regular file"),
    "a folder": (_folder, "Is a directory"),
    "a read-only file": (_read_only, "read-only"),
    "another user's file": (_other_users, "another user"),
    "a link to a device": (_linked(_device), "not a regular file"),
    "a link to a pipe": (_linked(_fifo), "not a regular file"),
    "a link to a folder": (_linked(_folder), "Is a directory"),
    "a link to a read-only file": (_linked(_read_only), "read-only"),
    "a link to another user's file": (_linked(_other_users), "another user"),
    "a link to nothing": (_dangling, "missing file"),
}


def snapshot(folder):
    """Every entry of the folder: its kind, owner, mode and content."""
    out = {}
    for entry in sorted(os.listdir(folder)):
        path = folder / entry
        info = os.lstat(path)
        content = None
        if stat.S_ISLNK(info.st_mode):
            content = os.readlink(path)
        elif stat.S_ISREG(info.st_mode):
            content = sha(path)
        elif stat.S_ISDIR(info.st_mode):
            content = sorted(os.listdir(path))
        out[entry] = (stat.S_IFMT(info.st_mode), info.st_uid, stat.S_IMODE(info.st_mode), content)
    return out


def exports_logged(db) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM export_log").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize("kind", list(REFUSED))
def test_the_command_line_refuses_anything_but_a_file_of_the_users(tmp_path, demo_db, kind):
    make, message = REFUSED[kind]
    logged = exports_logged(demo_db)
    for n, args in enumerate((["export", "1"], ["export-csv", "actions"])):
        folder = tmp_path / str(n)
        folder.mkdir()
        target = folder / "out.pdf"
        make(target)
        before = snapshot(folder)
        line = assert_one_line_error(
            cli(*args, "-o", str(target), "--db", str(demo_db), timeout=60)
        )
        assert message in line and str(target) in line, line
        assert snapshot(folder) == before
    assert exports_logged(demo_db) == logged


@pytest.mark.parametrize("kind", ["a character device", "a read-only file", "a link to a pipe"])
def test_the_windows_exports_refuse_before_rendering(tmp_path, demo_db, kind):
    make, message = REFUSED[kind]
    target = tmp_path / "out"
    make(target)
    before = snapshot(tmp_path)
    with open_portfolio(demo_db) as portfolio:
        for export in (
            lambda: prepare_minutes(portfolio, 1, target),
            lambda: export_json(portfolio, 1, target),
            lambda: export_csv(portfolio, "goals", target),
        ):
            with pytest.raises(StorageError, match=message):
                export()
    assert snapshot(tmp_path) == before


def test_a_link_to_the_users_own_file_writes_that_file_and_keeps_the_link(tmp_path, demo_db):
    real = tmp_path / "minutes.pdf"
    real.write_bytes(b"old")
    link = tmp_path / "link.pdf"
    link.symlink_to(real)
    assert cli("export", "1", "-o", str(link), "--db", str(demo_db)).returncode == 0
    assert link.is_symlink() and real.read_bytes().startswith(b"%PDF-")
    assert sorted(os.listdir(tmp_path)) == ["link.pdf", "minutes.pdf"]
