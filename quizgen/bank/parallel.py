"""Reading a large bank with a process per core.

libyaml parses on one core, and parsing is most of what loading a large bank
costs. So a bank whose questions list is its last key is cut between two
questions into parts, and each part is read by the ordinary reader in a forked
process of its own. A part is a bank in itself: the file's header (everything up
to the `questions:` line), then one empty line for each line the file has before
the part's first question, so that every line number is the file's, then the
part's questions.

The cuts are found in the text before anything is parsed: the first line that
is `questions:`, then lines that start with '- ' at the indentation of its first
item. Either can also sit inside a multi-line quoted string, so they are checked,
not trusted. Each part must read without an error, end with its questions list
and no '...' document end, and start with a question on the line of its cut:

- The first part is the file's first bytes, so its first question being on the
  line after `questions:` shows that line is the real key.
- A part that stops inside a string or brackets ends unclosed, which is an error.
  Block and plain scalars end at a line less indented than their own, such as
  the next question's '- '. So each cut is between two questions, and as every
  part ends with its questions, the file's list runs from the first part to the
  last, under one header.

Anything else (an error anywhere, an id repeated across parts, a child process
that fails) returns None, and the caller reads the whole file in one process: a
bank with problems is always reported exactly as that reader reports it.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import re
import signal
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, NoReturn, TypeVar

from ..errors import BankError
from .reader import BankReader, Loaded

ArgumentT = TypeVar("ArgumentT")
ResultT = TypeVar("ResultT")

MIN_PART_BYTES = 1 << 20
PR_SET_PDEATHSIG = 1
"""prctl(2)'s option: the signal a child gets when its parent thread dies."""
"""About 2,000 questions: below that, starting a process costs more than it saves."""
QUESTIONS_LINE = re.compile(rb"^questions:[ \t]*(?:#[^\r\n]*)?\r?\n", re.MULTILINE)
FIRST_ITEM = re.compile(rb"(?:[ \t]*(?:#[^\r\n]*)?\r?\n)*( *)-[ \t\r\n]")
"""Blank and comment lines, then the first question's dash, its indentation captured."""
LINE_BREAKS = (b"\n", "\u0085".encode(), "\u2028".encode(), "\u2029".encode())


@dataclass(frozen=True)
class Part:
    """A part's own bytes run from `start` to `end`, and its first question is on line `line`.

    The first part starts right after the header, so blank and comment lines may
    come before its first question; every other part starts with its question.
    """

    start: int
    end: int
    line: int


def default_jobs(size: int) -> int:
    """How many processes read a bank of `size` bytes: one per core, with a megabyte each at least."""
    if not can_fork():
        return 1
    return max(1, min(len(os.sched_getaffinity(0)), size // MIN_PART_BYTES))


def can_fork() -> bool:
    # fork() without exec is only safe in a process with a single thread, Python's or
    # a native library's (hence /proc, not the threading module); macOS's system
    # libraries refuse it, and Windows has no fork at all.
    if sys.platform != "linux":
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:  # no /proc mounted
        return False


def parse_in_parallel(data: bytes, path: str, jobs: int) -> Loaded | None:
    """The bank read in `jobs` parts, one process each; None when it must be read in one piece."""
    if not can_fork():
        return None
    found = split(data, jobs)
    if found is None:
        return None
    header_end, parts = found
    try:
        results = fork_map(lambda part: read_part(data, path, header_end, part), parts)
    except OSError:  # no process or pipe to be had: the one-process reader needs neither
        return None
    loaded = [result for result in results if result is not None]
    if len(loaded) < len(parts):
        return None
    questions = tuple(question for result in loaded for question in result.bank.questions)
    if len({question.id for question in questions}) < len(questions):
        return None
    # Every part reads the header, but only the first part's warnings about it count.
    warnings = list(loaded[0].warnings)
    for part, result in zip(parts[1:], loaded[1:], strict=True):
        warnings += [warning for warning in result.warnings if warning.line >= part.line]
    return Loaded(replace(loaded[0].bank, questions=questions), tuple(warnings))


def split(data: bytes, count: int) -> tuple[int, list[Part]] | None:
    """Where the header ends, and up to `count` parts of about the same size; None when the text has no cut."""
    questions_line = QUESTIONS_LINE.search(data)
    if questions_line is None:
        return None
    header_end = questions_line.end()
    first_item = FIRST_ITEM.match(data, header_end)
    if first_item is None:
        return None
    item_line = re.compile(rb"^" + first_item.group(1) + rb"-[ \t\r\n]", re.MULTILINE)
    cuts = [first_item.start(1)]
    for number in range(1, count):
        cut = item_line.search(data, max(len(data) * number // count, cuts[-1] + 1))
        if cut is None:
            break
        cuts.append(cut.start())
    if len(cuts) < 2:
        return None
    starts = [header_end, *cuts[1:]]
    ends = [*cuts[1:], len(data)]
    return header_end, [Part(start, end, line_number(data, cut)) for start, end, cut in zip(starts, ends, cuts, strict=True)]


def line_number(data: bytes, position: int) -> int:
    """The 1-based line of `position`, counting line breaks as libyaml does: LF, CR LF, CR, NEL, LS and PS.

    Each part's line numbers rest on this count agreeing with libyaml's.
    """
    breaks = sum(data.count(mark, 0, position) for mark in LINE_BREAKS)
    lone_carriage_returns = data.count(b"\r", 0, position) - data.count(b"\r\n", 0, position)
    return 1 + breaks + lone_carriage_returns


def read_part(data: bytes, path: str, header_end: int, part: Part) -> Loaded | None:
    """One part read as a bank of its own; None if it has an error or its cut is not between two questions."""
    padding = b"\n" * (line_number(data, part.start) - line_number(data, header_end))
    reader = BankReader(data[:header_end] + padding + data[part.start : part.end], path)
    try:
        loaded = reader.read()
    except BankError:
        return None
    cut_between_questions = reader.top_keys[-1:] == ("questions",) and not reader.explicit_document_end
    if not cut_between_questions or loaded.bank.questions[0].line != part.line:
        return None
    return loaded


def fork_map(function: Callable[[ArgumentT], ResultT], arguments: Sequence[ArgumentT]) -> list[ResultT | None]:
    """function(argument) for each argument: the first in this process, each other in a forked child.

    A child that fails gives None: the caller can always do that work itself.
    """
    children: list[tuple[int, int]] = []
    try:
        # Ctrl-C waits until every child is started and listed here, to be stopped
        # below; and a child must never raise KeyboardInterrupt into the caller's code.
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            for argument in arguments[1:]:
                children.append(fork_child(function, argument, mask))
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        results: list[ResultT | None] = [function(arguments[0])]
        while children:
            pid, read_end = children.pop(0)
            results.append(collect(pid, read_end))
        return results
    finally:
        for pid, read_end in children:  # left behind by an exception, such as Ctrl-C
            os.close(read_end)
            stop(pid)


def fork_child(function: Callable[[ArgumentT], ResultT], argument: ArgumentT, mask: set[int | signal.Signals]) -> tuple[int, int]:
    """Start a child that pickles function(argument) into a pipe; its pid and the pipe's read end.

    SIGINT is blocked meanwhile; the child restores `mask` once it cannot return to the caller.
    """
    read_end, write_end = os.pipe()
    parent = os.getpid()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        raise
    if pid == 0:
        die_with_parent(parent)
        if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
            signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        os.close(read_end)
        run_child(function, argument, write_end)
    os.close(write_end)
    return pid, read_end


def die_with_parent(parent: int) -> None:
    """Have Linux kill this child when its parent dies, however it dies (SIGTERM, SIGHUP, SIGKILL).

    Without it, a parent killed mid-read leaves its children reading a large bank for seconds.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux's C library: the parent's own clean-up still stops children
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def run_child(function: Callable[[ArgumentT], ResultT], argument: ArgumentT, write_end: int) -> NoReturn:
    status = 1
    try:
        with os.fdopen(write_end, "wb") as stream:
            pickle.dump(function(argument), stream, protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
    finally:
        # Never return into the parent's code: no atexit handlers, no flushing of its buffers.
        os._exit(status)


def collect(pid: int, read_end: int) -> Any:
    """What a child pickled, once it has exited; None if it failed. The child is reaped either way."""
    try:
        with os.fdopen(read_end, "rb") as stream:
            payload = stream.read()
    except BaseException:
        stop(pid)
        raise
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return None
    return pickle.loads(payload)


def stop(pid: int) -> None:
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
