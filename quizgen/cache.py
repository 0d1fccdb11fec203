"""A cache of validated banks, keyed by the bank's bytes, so a second run skips the YAML.

An entry's key is a hash of the bank file's content, the path it is shown as in
messages, and the code that reads banks: editing the bank or upgrading quizgen
gives a new key, so a stale entry is never served. The cache only ever speeds
things up: an unreadable or unwritable cache is ignored.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from .files import write_atomic

T = TypeVar("T")
ENTRIES_KEPT = 16
READER_MODULES = ("parallel.py", "model.py", "errors.py")


def cache_folder() -> Path | None:
    """$QUIZGEN_CACHE_DIR, else the user's cache folder; None when $QUIZGEN_NO_CACHE is set."""
    if os.environ.get("QUIZGEN_NO_CACHE"):
        return None
    configured = os.environ.get("QUIZGEN_CACHE_DIR")
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("quizgen", appauthor=False)) / "banks"


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


def cached(data: bytes, path: str, build: Callable[[bytes, str], T]) -> T:
    """build(data, path), or the result of an earlier identical call."""
    folder = cache_folder()
    if folder is None:
        with collector_paused():
            return build(data, path)
    key = hashlib.sha256(code_fingerprint() + path.encode("utf-8") + b"\0" + data).hexdigest()
    entry = folder / f"{key}.pickle"
    with collector_paused():
        try:
            with entry.open("rb") as stream:
                result: T = pickle.load(stream)
            return result
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            pass
        result = build(data, path)
    store(folder, entry, result)
    return result


def store(folder: Path, entry: Path, result: object) -> None:
    try:
        write_atomic(entry, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        entries = sorted(folder.glob("*.pickle"), key=lambda found: found.stat().st_mtime, reverse=True)
        for old in entries[ENTRIES_KEPT:]:
            old.unlink(missing_ok=True)
    except Exception:  # noqa: BLE001 - a cache that cannot be written is only a slower next run
        pass
