"""Reading user files, and writing outputs so that a failed write never destroys what was there."""

from __future__ import annotations

import io
import os
import stat
import tempfile
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path

from .errors import QuizgenError

LATEST_EPOCH = 2**32 - 1
"""The last second SOURCE_DATE_EPOCH may name (in 2106): every output format can date it."""


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write to a temporary file beside `path`, then rename it over `path`.

    The data reaches the disk before the rename, so a crash leaves either the
    old file or the new one, never a truncated one; a replaced file keeps its
    permissions.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        existing = path.stat()
    except FileNotFoundError:
        mode = 0o666 & ~current_umask()
    except OSError as exc:
        raise QuizgenError(f"cannot write {path}: {exc.strerror}") from exc
    else:
        if stat.S_ISDIR(existing.st_mode):
            raise QuizgenError(f"{path} is a folder; give a file name")
        mode = stat.S_IMODE(existing.st_mode)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise QuizgenError(f"cannot write {path}: {exc.strerror}") from exc
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
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


def is_file(path: Path) -> bool:
    """Whether `path` is a file; a folder that cannot be searched reads as 'no' instead of raising."""
    try:
        return path.is_file()
    except OSError:
        return False


def source_date_epoch() -> int | None:
    """$SOURCE_DATE_EPOCH (https://reproducible-builds.org), the time to stamp outputs with; None when unset."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or int(value) > LATEST_EPOCH:
        raise QuizgenError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, from 0 to {LATEST_EPOCH}; found {value!r}")
    return int(value)


def zip_bytes(entries: Iterable[tuple[str, bytes]], timestamp: float) -> bytes:
    """A zip whose bytes depend only on its entries and `timestamp`.

    Entries are stored, not deflated: zlib builds compress the same data to
    different bytes, and outputs must be identical on every machine. Zip dates
    run from 1980 to 2107; a time outside is clamped.
    """
    year_1980, year_2107 = 315532800, 4354819199
    date = time.gmtime(min(max(timestamp, year_1980), year_2107))[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=date)
            info.create_system = 3  # Unix, whatever the machine: the attributes below are Unix modes
            folder = name.endswith("/")
            info.external_attr = ((stat.S_IFDIR | 0o755) << 16) | 0x10 if folder else (stat.S_IFREG | 0o644) << 16
            archive.writestr(info, data)
    return buffer.getvalue()
