"""The image a question shows: a picture file inside the bank's folder, known by its bytes."""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath, PureWindowsPath

MAX_IMAGE_BYTES = 10 * 1024 * 1024
"""A photo from a phone is 2 to 5 MB; a bigger file would bloat every deck and page it goes into."""
SNIFFED = 512
FORMATS = "PNG, JPEG, GIF, WebP or SVG"


def image_kind(head: bytes) -> str | None:
    """The picture format that a file's first bytes show, whatever its name says."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<svg", b"<?xml", b"<!--", b"<!doctype svg")) and b"<svg" in text:
        return "svg"
    return None


def image_problem(folder: Path, file: str) -> str | None:
    """Why `file` (relative to the bank's `folder`) can't be a question's image, or None when it can.

    The path stays inside the folder once symbolic links are resolved, so a bank
    shared with others can't make quizgen read (and embed in a deck) any other file.
    """
    if PurePosixPath(file).is_absolute() or PureWindowsPath(file).is_absolute() or PureWindowsPath(file).drive:
        return "is an absolute path; give a path relative to the bank's folder, such as images/chart.png"
    root = folder.resolve()
    try:
        path = (folder / file).resolve()
    except (OSError, RuntimeError):  # a symbolic link loop
        return "cannot be resolved (a symbolic link loop?)"
    if not path.is_relative_to(root):
        return f"is outside the bank's folder ({root}); put the picture in that folder or below it"
    try:
        status = os.stat(path)
    except OSError as exc:
        return f"cannot be read ({exc.strerror}); give the path relative to the bank's folder"
    if not stat.S_ISREG(status.st_mode):
        return "is not a regular file; give a picture file"
    if status.st_size > MAX_IMAGE_BYTES:
        return f"is {status.st_size / 1024 / 1024:.1f} MB; an image is at most {MAX_IMAGE_BYTES // 1024 // 1024} MB (make it smaller)"
    try:
        with open(path, "rb") as opened:
            head = opened.read(SNIFFED)
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if image_kind(head) is None:
        return f"is not a picture quizgen can show: give a {FORMATS} file"
    return None
