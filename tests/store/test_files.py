"""write_atomically: the whole new file or the old one untouched, never a partial file."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from reviewdesk.record.errors import StorageError
from reviewdesk.store import files
from reviewdesk.store.files import write_atomically

DATA = b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
OLD = b"%PDF-1.4 the previous export %%EOF"


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir())


def test_writes_the_bytes(tmp_path):
    target = tmp_path / "minutes.pdf"
    write_atomically(target, DATA)
    assert target.read_bytes() == DATA
    assert leftovers(tmp_path) == ["minutes.pdf"]


def test_replaces_an_existing_file_whole(tmp_path):
    target = tmp_path / "minutes.pdf"
    target.write_bytes(OLD)
    write_atomically(target, DATA)
    assert target.read_bytes() == DATA
    assert leftovers(tmp_path) == ["minutes.pdf"]


def test_a_new_file_gets_ordinary_permissions(tmp_path):
    target = tmp_path / "minutes.pdf"
    old = os.umask(0o027)
    try:
        write_atomically(target, DATA)
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_missing_folder_is_a_one_line_storage_error(tmp_path):
    target = tmp_path / "no" / "such" / "minutes.pdf"
    with pytest.raises(StorageError) as caught:
        write_atomically(target, DATA)
    assert str(caught.value) == f"cannot write {target}: No such file or directory"
    assert leftovers(tmp_path) == []


def test_a_folder_in_the_way_is_refused_and_kept(tmp_path):
    target = tmp_path / "minutes.pdf"
    target.mkdir()
    (target / "inside").write_bytes(b"keep")
    with pytest.raises(StorageError, match=r"^cannot write .*minutes\.pdf: Is a directory$"):
        write_atomically(target, DATA)
    assert (target / "inside").read_bytes() == b"keep"
    assert leftovers(tmp_path) == ["minutes.pdf"]


def test_permission_denied_leaves_the_old_file(tmp_path, monkeypatch):
    # the tests run as root, where a read-only folder does not stop writes: refuse like one
    # (creating any file in the folder: the temporary file and its lock file alike)
    real_open = os.open

    def refuse(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and Path(path).parent == tmp_path:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    target = tmp_path / "minutes.pdf"
    target.write_bytes(OLD)
    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(StorageError) as caught:
        write_atomically(target, DATA)
    assert str(caught.value) == f"cannot write {target}: Permission denied"
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path) == ["minutes.pdf"]


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failure_midway_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch, failing):
    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    target = tmp_path / "minutes.pdf"
    target.write_bytes(OLD)
    # the os module itself: whichever module does the writing calls these
    monkeypatch.setattr(os, failing, disk_full)
    with pytest.raises(StorageError) as caught:
        write_atomically(target, DATA)
    assert str(caught.value) == f"cannot write {target}: No space left on device"
    assert "\n" not in str(caught.value)
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path) == ["minutes.pdf"]


def test_a_read_only_folder_refuses_for_an_ordinary_user(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    target = folder / "minutes.pdf"
    target.write_bytes(OLD)
    folder.chmod(0o555)
    try:
        if os.geteuid() == 0:  # root writes anyway: then the write must simply succeed whole
            write_atomically(target, DATA)
            assert target.read_bytes() == DATA
        else:
            with pytest.raises(StorageError, match="Permission denied"):
                write_atomically(target, DATA)
            assert target.read_bytes() == OLD
    finally:
        folder.chmod(0o755)
    assert leftovers(folder) == ["minutes.pdf"]


def test_a_staged_file_is_kept_from_a_cleaner_until_it_lands(tmp_path):
    """An export is staged (written, synced, closed), logged, then landed: a writer that cleans
    up in between must not take the staged file for a dead writer's; afterwards nothing is left
    beside the target but the target."""
    target = tmp_path / "minutes.pdf"
    staged = files.stage_file(target, b"%PDF staged")
    files.remove_stale_temps(target, ".part")  # another writer of the same target, meanwhile
    files.write_atomically(target, b"%PDF other")  # which also cleans up first
    staged.land()
    assert target.read_bytes() == b"%PDF staged"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minutes.pdf"]


def test_a_discarded_staged_file_leaves_nothing(tmp_path):
    target = tmp_path / "minutes.pdf"
    target.write_bytes(b"old")
    files.stage_file(target, b"%PDF new").discard()
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minutes.pdf"]
