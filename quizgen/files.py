"""Reading user files and writing outputs so that a failed write never destroys what was there."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import QuizgenError


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write to a temporary file beside `path`, then rename it over `path`."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if path.is_dir():
        raise QuizgenError(f"{path} is a folder; give a file name")
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise QuizgenError(f"cannot write {path}: {exc.strerror}") from exc
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(payload)
        os.chmod(temporary, 0o666 & ~current_umask())
        os.replace(temporary, path)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise QuizgenError(f"cannot write {path}: {exc.strerror}") from exc
        raise


def current_umask() -> int:
    """The process umask, which mkstemp ignores (it always creates files readable by their owner only)."""
    umask = os.umask(0)
    os.umask(umask)
    return umask


def read_bytes(path: Path) -> bytes:
    """A file's bytes, or a QuizgenError saying why it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise QuizgenError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise QuizgenError(f"{path} is a folder; give a file") from None
    except OSError as exc:
        raise QuizgenError(f"cannot read {path}: {exc.strerror}") from exc


def read_text(path: Path) -> str:
    """A UTF-8 text file (a byte-order mark is dropped); invalid bytes are reported with their offset."""
    data = read_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = f"0x{data[exc.start]:02x}"
        raise QuizgenError(f"{path}:{line}: not valid UTF-8 (byte {byte} at offset {exc.start}); save it as UTF-8") from None
