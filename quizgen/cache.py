"""A cache of validated banks, keyed by the bank's bytes, so a second run skips the YAML.

An entry's key is a hash of the bank file's content, the path it is shown as in
messages, and the code that reads banks: editing the bank or upgrading quizgen
gives a new key, so a stale entry is never served. The cache only ever speeds
things up: an unreadable or unwritable cache is ignored.

An entry can't run code, even one planted by someone else: it is read by an
unpickler that can only build quizgen's own data classes (Python's documented
"restricting globals"), and the folder is used only when it belongs to the
user and nobody else can write to it (it is created 0700, entries 0600, since
they hold answer keys).
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import os
import pickle
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from .files import write_atomic

T = TypeVar("T")
ENTRIES_KEPT = 16
READER_MODULES = ("model.py", "errors.py")


def cache_folder() -> Path | None:
    """$QUIZGEN_CACHE_DIR, else the user's cache folder; None when $QUIZGEN_NO_CACHE is set."""
    if os.environ.get("QUIZGEN_NO_CACHE"):
        return None
    configured = os.environ.get("QUIZGEN_CACHE_DIR")
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("quizgen", appauthor=False)) / "banks"


def private_folder(folder: Path) -> bool:
    """Whether `folder` (created 0700 if missing) is the user's own and writable by nobody else.

    A folder that others can write to could hold planted entries; it is not used, with one warning.
    """
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        found = folder.stat()
    except OSError:
        return False
    if hasattr(os, "getuid") and found.st_uid != os.getuid():
        reason = "it belongs to another user"
    elif found.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        reason = "others can write to it"
    else:
        return True
    print(f"Warning: cache folder {folder} not used: {reason} (set QUIZGEN_CACHE_DIR to a private folder)", file=sys.stderr)
    return False


class DataOnly(pickle.Unpickler):
    """An unpickler that can build quizgen's own data classes and nothing else: no function, no other class."""

    def find_class(self, module: str, name: str) -> type:
        found = getattr(sys.modules.get(module), name, None)
        if module.startswith("quizgen.") and isinstance(found, type) and dataclasses.is_dataclass(found):
            return found
        raise pickle.UnpicklingError(f"{module}.{name} is not a quizgen data class")


def code_fingerprint() -> bytes:
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for path in [*sorted((package / "bank").glob("*.py")), *(package / name for name in READER_MODULES)]:
        digest.update(path.read_bytes())
    return digest.digest()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Building or unpickling a large bank allocates millions of objects that all survive;
    the cyclic garbage collector would scan them again and again for nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def cached(data: bytes, path: str, build: Callable[[bytes, str], T], kind: type[T]) -> T:
    """build(data, path), or the result of an earlier identical call (an entry that is not a `kind` is rebuilt)."""
    folder = cache_folder()
    if folder is None or not private_folder(folder):
        with collector_paused():
            return build(data, path)
    key = hashlib.sha256(code_fingerprint() + path.encode("utf-8") + b"\0" + data).hexdigest()
    entry = folder / f"{key}.pickle"
    with collector_paused():
        found = load_entry(entry)
        if isinstance(found, kind):
            return found
        result = build(data, path)
    store(folder, entry, result)
    return result


def load_entry(entry: Path) -> object:
    """What an entry holds, or None when it is missing, damaged, or not data quizgen writes."""
    try:
        with entry.open("rb") as stream:
            return DataOnly(stream).load()
    except Exception:  # noqa: BLE001 - any entry that can't be read is rebuilt and rewritten
        return None


def store(folder: Path, entry: Path, result: object) -> None:
    try:
        write_atomic(entry, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), mode=0o600)
        entries = sorted(folder.glob("*.pickle"), key=lambda found: found.stat().st_mtime, reverse=True)
        for old in entries[ENTRIES_KEPT:]:
            old.unlink(missing_ok=True)
    except Exception:  # noqa: BLE001 - a cache that cannot be written is only a slower next run
        pass
