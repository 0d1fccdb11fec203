"""Reading user files, and writing outputs so that a failed write never destroys what was there."""

from __future__ import annotations

import io
import os
import signal
import stat
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path

from .errors import QuizgenError

LATEST_EPOCH = 2**32 - 1
"""The last second SOURCE_DATE_EPOCH may name (in 2106): every output format can date it."""


def write_atomic(path: Path, data: bytes | str, mode: int | None = None) -> None:
    """Write to a temporary file beside `path`, then rename it over `path`.

    The data reaches the disk before the rename, so a crash leaves either the
    old file or the new one, never a truncated one; a replaced file keeps its
    permissions. A new file gets `mode`, or the umask's default.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        existing = path.stat()
    except FileNotFoundError:
        mode = 0o666 & ~current_umask() if mode is None else mode
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


def exit_on_termination() -> None:
    """Make SIGTERM and SIGHUP exit through Python's clean-up, as Ctrl-C does.

    Their default action ends the process at once, leaving temporary files and folders (an Anki
    build's work folder, a half-written output's temporary file) behind; raising SystemExit runs
    every `finally` and context manager on the way out instead. Signals reach only the main thread.
    """
    if threading.current_thread() is not threading.main_thread():
        return

    def leave(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name) and signal.getsignal(getattr(signal, name)) is signal.SIG_DFL:
            signal.signal(getattr(signal, name), leave)


def current_umask() -> int:
    """The process umask, which mkstemp ignores (it always creates files readable by their owner only)."""
    umask = os.umask(0)
    os.umask(umask)
    return umask


MAX_FILE_BYTES = 256 * 1024 * 1024
"""The largest file quizgen reads (a bank, a source text, an article, a lock): far above any real one."""


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """A regular file's bytes (at most `limit`), or a QuizgenError saying why it cannot be read.

    FIFOs, devices and sockets are refused before anything is read from them (a FIFO would block,
    /dev/zero never ends), and so is a file that grows past `limit` while it is read (/proc files
    say they are empty).
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise QuizgenError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise QuizgenError(f"{path} is a folder; give a file") from None
    except OSError as exc:
        raise QuizgenError(f"cannot read {path}: {exc.strerror}") from exc
    with os.fdopen(descriptor, "rb") as stream:
        kind = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(kind):
            raise QuizgenError(f"{path} is a folder; give a file")
        if not stat.S_ISREG(kind):
            raise QuizgenError(f"{path} is not a regular file (a device, a pipe or a socket); give a file")
        try:
            data = stream.read(limit + 1)
        except OSError as exc:
            raise QuizgenError(f"cannot read {path}: {exc.strerror}") from exc
    if len(data) > limit:
        size = f"{limit // 2**20} MiB" if limit % 2**20 == 0 else f"{limit} bytes"
        raise QuizgenError(f"{path} is larger than {size}, more than quizgen reads; give a smaller file")
    return data


def inside(folder: Path, relative: str, what: str) -> Path:
    """`folder / relative` for a path written in a bank in `folder`, once it is known to stay inside `folder`.

    A bank names files beside it; an absolute path, a `..` or a link that leads elsewhere is refused,
    so that a bank from someone else can't make quizgen read (and print) any other file.
    """
    base = folder.resolve()
    target = (base / relative).resolve()
    if Path(relative).is_absolute() or not target.is_relative_to(base):
        raise QuizgenError(f"{what} '{relative}' is outside the bank's folder; put the file in the bank's folder")
    return folder / relative


def read_text(path: Path, limit: int = MAX_FILE_BYTES) -> str:
    """A UTF-8 text file (a byte-order mark is dropped); invalid bytes are reported with their offset."""
    data = read_bytes(path, limit)
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
