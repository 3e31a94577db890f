"""The disk cache of built structures: read back, rebuilt when unreadable, read-only folders."""

import os
import pickle

from matching import disk_cache


def test_a_structure_is_built_once_then_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv(disk_cache.CACHE_ENV, str(tmp_path))
    built = []

    def build():
        built.append(1)
        return {"table": [1, 2, 3]}

    assert disk_cache.load_or_build("thing", "k1", build) == {"table": [1, 2, 3]}
    assert disk_cache.load_or_build("thing", "k1", build) == {"table": [1, 2, 3]}
    assert len(built) == 1
    disk_cache.load_or_build("thing", "k2", build)  # another key: built again
    assert len(built) == 2


def test_an_unreadable_file_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv(disk_cache.CACHE_ENV, str(tmp_path))
    (tmp_path / "thing-k.pickle").write_bytes(b"not a pickle")
    assert disk_cache.load_or_build("thing", "k", lambda: 42) == 42
    assert pickle.loads((tmp_path / "thing-k.pickle").read_bytes()) == 42


def test_a_read_only_folder_is_only_read(tmp_path, monkeypatch):
    monkeypatch.setenv(disk_cache.CACHE_ENV, str(tmp_path))
    disk_cache.load_or_build("thing", "k", lambda: "kept")
    os.chmod(tmp_path, 0o500)
    try:
        assert disk_cache.load_or_build("thing", "k", lambda: "rebuilt") == "kept"
        assert disk_cache.load_or_build("thing", "other", lambda: "built") == "built"
    finally:
        os.chmod(tmp_path, 0o700)


def test_off_turns_the_cache_off(monkeypatch):
    monkeypatch.setenv(disk_cache.CACHE_ENV, "off")
    assert disk_cache.cache_folder() is None
    assert disk_cache.load_or_build("thing", "k", lambda: 7) == 7


def test_the_key_follows_the_inputs():
    assert disk_cache.inputs_digest(["a", "b"]) != disk_cache.inputs_digest(["ab"])
    assert disk_cache.inputs_digest(["a"]) == disk_cache.inputs_digest(["a"])
