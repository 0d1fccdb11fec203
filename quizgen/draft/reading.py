"""Reading an article: a text file in any common encoding, a saved web page, a PDF, or standard input.

Only regular files are read (never a FIFO, a device or /proc), and never more
than `MAX_ARTICLE_BYTES`: a draft is for an article, and a read without bound
is how a wrong path (`/dev/zero`) hangs a command.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import DraftError

MAX_ARTICLE_BYTES = 20_000_000
"""20 MB: a long book as plain text is 2 MB; a bigger file is not an article."""
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
PDF_SUFFIXES = (".pdf",)


@dataclass(frozen=True)
class Article:
    """An article's text, and what the reader should know about how it was read (said on stderr)."""

    text: str
    notes: tuple[str, ...] = ()
    title: str | None = None
    """The headline from the page's metadata (a web page's <title>), when there is one."""


def read_article(source: Path | str, stdin: BinaryIO | None = None, limit: int = MAX_ARTICLE_BYTES) -> Article:
    """The text of the article at `source` ("-": standard input), by its kind: .html/.htm, .pdf, or text."""
    name = str(source)
    if name == "-":
        data = _read_bounded(stdin if stdin is not None else sys.stdin.buffer, "standard input", limit)
        kind = _sniff(data)
    else:
        path = Path(source)
        data = _read_file(path, limit)
        suffix = path.suffix.lower()
        kind = "html" if suffix in HTML_SUFFIXES else "pdf" if suffix in PDF_SUFFIXES else _sniff(data)
    if kind == "pdf":
        return _from_pdf(data, name)
    if kind == "html":
        return _from_html(data, name)
    return _from_text(data, name)


def _read_file(path: Path, limit: int) -> bytes:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise DraftError(f"{path}: no such file") from None
    except OSError as exc:
        raise DraftError(f"cannot read {path}: {exc.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise DraftError(f"{path} is a folder; give an article file")
    if not stat.S_ISREG(info.st_mode):
        raise DraftError(
            f"{path} is not a regular file (a device, a pipe or a socket); save the article to a file, or pipe it to `quizgen draft -`"
        )
    if info.st_size > limit:
        raise DraftError(f"{path} is {info.st_size:,} bytes; an article is at most {limit:,} bytes: draft from a part of it")
    try:
        with path.open("rb") as stream:
            return _read_bounded(stream, str(path), limit)
    except OSError as exc:
        raise DraftError(f"cannot read {path}: {exc.strerror}") from None


def _read_bounded(stream: BinaryIO, name: str, limit: int) -> bytes:
    """At most `limit` bytes; more is an error (a file that grew, or endless standard input)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise DraftError(f"{name} has more than {limit:,} bytes; an article is at most {limit:,} bytes: draft from a part of it")
    return data


def _sniff(data: bytes) -> str:
    """What standard input (or a file without a telling suffix) holds: 'pdf', 'html' or 'text'."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:4096].lower():
        return "html"
    return "text"


def _from_text(data: bytes, name: str) -> Article:
    """UTF-8 (a byte-order mark dropped), UTF-16 with its mark, else the encoding charset-normalizer detects, said in a note."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Article(data.decode("utf-16"))
    try:
        return Article(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        failure = exc
    note = "{name} is not UTF-8; read it as {encoding} (detected): if letters look wrong, save it as UTF-8 and draft again"
    try:
        # Windows-1252 first: the usual encoding of a French or English text that is not UTF-8 (detectors often
        # take it for Central European cp1250, which turns "à" into "ŕ").
        return Article(data.decode("cp1252"), (note.format(name=name, encoding="cp1252"),))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        line = data.count(b"\n", 0, failure.start) + 1
        raise DraftError(
            f"{name}:{line}: not valid UTF-8 (byte 0x{data[failure.start]:02x}) and no other encoding fits; "
            "save it as UTF-8 (for example: iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE.txt)"
        )
    return Article(str(best), (note.format(name=name, encoding=best.encoding),))


def _from_html(data: bytes, name: str) -> Article:
    """The main text of a saved web page: its title, then its paragraphs, without menus, footers and comments."""
    try:
        import trafilatura
    except ImportError:
        raise DraftError(f"{name}: reading a web page needs trafilatura: pip install 'quizgen[draft]' (or save the page as text)") from None
    document = trafilatura.bare_extraction(
        data, include_comments=False, include_tables=False, include_images=False, with_metadata=True, deduplicate=True
    )
    found: dict[str, Any] = {} if document is None else document if isinstance(document, dict) else document.as_dict()
    text = found.get("text") or ""
    if not text.strip():
        raise DraftError(f"{name}: found no article text in this web page; save the article's text as a .txt file and draft from it")
    title = str(found.get("title") or "").strip() or None
    body = text if title is None or text.lstrip().startswith(title) else f"{title}\n\n{text}"
    return Article(body, title=title)


def _from_pdf(data: bytes, name: str) -> Article:
    """A PDF's text, page by page in reading order (not layout mode, which breaks quotations apart)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DraftError(f"{name}: this PDF is protected by a password; save its text as a .txt file and draft from it")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise DraftError(f"{name}: cannot read this PDF ({exc}); save its text as a .txt file and draft from it") from None
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise DraftError(f"{name}: this PDF holds no text (a scan?); run it through OCR, or save its text as a .txt file")
    return Article(text)


def is_stdin(source: Path | str) -> bool:
    """Whether `source` names standard input."""
    return os.fspath(source) == "-"
