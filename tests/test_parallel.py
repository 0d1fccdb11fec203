"""Reading a large bank in parts, one process each: the same result as one reader, or no result at all."""

from __future__ import annotations

import os
import re
import signal
import threading
import time
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.bank import BankReader, Loaded, Node, parse_bank
from quizgen.bank.parallel import MIN_PART_BYTES, can_fork, default_jobs, fork_map, line_number, parse_in_parallel, read_part, split
from quizgen.errors import BankError, Problem

from .conftest import BANKS, BUNDLED_BANK
from .test_bank import mutate

EVERY_TYPE = (BANKS / "every-type.yaml").read_bytes()
HEADER, _, QUESTIONS = EVERY_TYPE.partition(b"questions:\n")
DECK = re.compile(rb"^deck:\n(?:  .*\n)*", re.MULTILINE)
LANGUAGES = re.compile(rb"^languages: .*\n", re.MULTILINE)


@pytest.fixture(autouse=True)
def beside_the_banks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run where "bank.yaml" would sit beside the every-type bank, so that its image is found."""
    monkeypatch.chdir(BANKS)


@pytest.fixture(autouse=True)
def single_thread() -> None:
    assert can_fork(), "these tests fork: they must run before any test that leaves a thread behind (see conftest.py)"


def copies(count: int = 6, header: bytes = HEADER, questions: bytes = QUESTIONS) -> bytes:
    """A bank with `count` copies of the every-type questions, each copy's ids ending in its number."""
    ids = re.compile(rb"^( *- id: )(\S+)", re.MULTILINE)
    return header + b"questions:\n" + b"".join(ids.sub(rb"\1\2-%d" % number, questions) for number in range(count))


def read_whole(data: bytes) -> Loaded:
    return BankReader(data, "bank.yaml").read()


def outcome(data: bytes, jobs: int) -> Loaded | list[Problem]:
    try:
        return parse_bank(data, "bank.yaml", jobs=jobs)
    except BankError as error:
        return error.problems


def without_explanations(data: bytes) -> bytes:
    drafts = data.replace(b"    difficulty: 1\n", b"    difficulty: 1\n    draft: true\n")
    return re.sub(rb"^    explanation: .*\n", b"", drafts, flags=re.MULTILINE)


def dedented(questions: bytes) -> bytes:
    return re.sub(rb"^  ", b"", questions, flags=re.MULTILINE)


def with_comments(questions: bytes) -> bytes:
    return b"\n# the first question\n\n" + questions.replace(b"  - id:", b"  # another question\n\n  - id:")


def with_unusual_line_breaks(questions: bytes) -> bytes:
    """Line breaks libyaml counts as lines, inside quoted strings that fold them into spaces."""
    breaks = "La Terre\u2028est\u2029ronde,\u0085vraiment\rronde.".encode()
    return questions.replace(b"La Terre est ronde.", breaks)


VALID_BANKS = {
    "every type, six times": copies(),
    "the bundled bank": BUNDLED_BANK.read_bytes(),
    "warnings in every part": without_explanations(copies()),
    "CRLF line ends and a BOM": b"\xef\xbb\xbf" + copies().replace(b"\n", b"\r\n"),
    "NEL, LS, PS and CR line breaks": copies(questions=with_unusual_line_breaks(QUESTIONS)),
    "questions at column 0": copies(questions=dedented(QUESTIONS)),
    "comments and blank lines": copies(questions=with_comments(QUESTIONS)),
}


@pytest.mark.parametrize("data", VALID_BANKS.values(), ids=VALID_BANKS.keys())
@pytest.mark.parametrize("jobs", [2, 3, 5])
def test_a_bank_read_in_parts_is_the_bank_read_whole(data: bytes, jobs: int) -> None:
    found = split(data, jobs)
    assert found is not None
    assert len(found[1]) == jobs
    assert parse_in_parallel(data, "bank.yaml", jobs) == read_whole(data)


def test_the_parts_cover_every_question_once_and_start_on_their_own_line() -> None:
    data = copies(3)
    found = split(data, 3)
    assert found is not None
    header_end, parts = found
    assert data[:header_end].endswith(b"questions:\n")
    assert [part.start for part in parts[1:]] == [part.end for part in parts[:-1]]
    assert (parts[0].start, parts[-1].end) == (header_end, len(data))
    for part in parts:
        assert data[part.start : part.end].lstrip(b"\n").startswith(b"  - id: ")
        assert line_number(data, data.index(b"  - id: ", part.start)) == part.line


def late_deck() -> bytes:
    return copies(header=DECK.sub(b"", HEADER)) + b"deck:\n  name: Late\n  id: 1400000002\n"


def late_languages() -> bytes:
    return copies(header=LANGUAGES.sub(b"", HEADER)) + b"languages: [en, fr]\n"


def item_in_a_quoted_string() -> bytes:
    """A line like a question's start in the middle of the file, inside a multi-line string."""
    fake = b"".join(b"    line %d of a long quote\n" % number for number in range(200))
    first = QUESTIONS.replace(b'explanation: {en: "Paris is the capital."', b'explanation: {en: "Paris\n' + fake + b'  - id: fake\n"', 1)
    return copies(1, questions=first)


def questions_in_a_quoted_title() -> bytes:
    return copies(header=b'title: "A title\nquestions:\n  - id: fake\n"\n' + HEADER.partition(b"\n")[2])


def document_end_before_each_cut() -> bytes:
    """Each part ends with '...', so each reads well alone; the whole file has text after its end."""
    data = copies()
    found = split(data, 3)
    assert found is not None
    for part in reversed(found[1][1:]):
        data = data[: part.start] + b"...\n" + data[part.start :]
    moved = split(data, 3)
    assert moved is not None
    assert all(data[: part.start].endswith(b"...\n") for part in moved[1][1:])
    return data


FALLBACKS = {
    "an error in the last part": copies().replace(b"capital-mcq-5\n    type: mcq", b"capital-mcq-5\n    type: essay"),
    "an id in two parts": copies().replace(b"capital-mcq-5", b"capital-mcq-0"),
    "a deck after the questions": late_deck(),
    "languages after the questions": late_languages(),
    "an item line inside a quoted string": item_in_a_quoted_string(),
    "questions: inside a quoted title": questions_in_a_quoted_title(),
    "questions in flow style": HEADER + b"questions: [" + b", ".join([b"{id: a, type: truefalse, prompt: P, answer: true}"] * 9) + b"]\n",
    "no questions": HEADER,
    "questions that are not a list": HEADER + b"questions:\n  first: one\n",
    "one question": copies(1, questions=QUESTIONS[: QUESTIONS.index(b"\n  - id:", 1) + 1]),
    "a document end before each cut": document_end_before_each_cut(),
}


@pytest.mark.parametrize("data", FALLBACKS.values(), ids=FALLBACKS.keys())
def test_a_bank_that_cannot_be_read_in_parts_is_read_whole(data: bytes) -> None:
    assert parse_in_parallel(data, "bank.yaml", 3) is None


def test_the_fallbacks_are_valid_banks_where_the_file_is() -> None:
    """The checks above would be hollow if these banks failed for another reason than their cut."""
    for name in ("a deck after the questions", "languages after the questions", "an item line inside a quoted string"):
        assert isinstance(outcome(FALLBACKS[name], 1), Loaded), name
    assert read_whole(late_deck()).bank.deck.name == {"en": "Late", "fr": "Late"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_damaged_bank_gives_the_same_outcome_in_parts_and_whole(data: st.DataObject) -> None:
    damaged = mutate(copies(4), data)
    assert outcome(damaged, 3) == outcome(damaged, 1)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_line_added_anywhere_gives_the_same_outcome_in_parts_and_whole(data: st.DataObject) -> None:
    """Lines that often leave the bank valid, or break it only where it is cut."""
    lines = copies(4).split(b"\n")
    position = data.draw(st.integers(0, len(lines)))
    indent = b" " * data.draw(st.sampled_from([0, 2, 4]))
    added = data.draw(st.sampled_from([b"", b"# a comment", b"...", b"---", b"- id: extra-1", b"  hint: H", b'"open']))
    lines.insert(position, indent + added)
    changed = b"\n".join(lines)
    assert outcome(changed, 3) == outcome(changed, 1)


def test_a_warning_about_the_header_is_reported_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every part reads the header; only the first part's warnings about it count."""
    read_languages = BankReader.read_languages

    def warning_languages(reader: BankReader, node: Node) -> tuple[str, ...]:
        reader.warn(node.line, "a warning about the header")
        return read_languages(reader, node)

    monkeypatch.setattr(BankReader, "read_languages", warning_languages)
    data = copies()
    whole = read_whole(data)
    assert [warning.message for warning in whole.warnings] == ["a warning about the header"]
    assert parse_in_parallel(data, "bank.yaml", 3) == whole


def open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_no_process_to_be_had_means_one_reader_and_nothing_left_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    real_fork = os.fork
    forks = []

    def fork_once() -> int:
        if forks:
            raise BlockingIOError(11, "Resource temporarily unavailable")
        forks.append(True)
        return real_fork()

    monkeypatch.setattr(os, "fork", fork_once)
    before = open_descriptors()
    assert parse_in_parallel(copies(), "bank.yaml", 3) is None
    assert open_descriptors() == before
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # the child that did start was reaped


def interrupted_first(number: int) -> int:
    if number == 0:
        raise KeyboardInterrupt
    time.sleep(60)
    return number


def test_ctrl_c_in_this_process_stops_the_children_and_leaves_nothing_behind() -> None:
    before = open_descriptors()
    with pytest.raises(KeyboardInterrupt):
        fork_map(interrupted_first, [0, 1, 2])
    assert open_descriptors() == before
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def sleepy(number: int) -> int:
    if number:
        time.sleep(60)
    return number


def test_ctrl_c_while_the_children_start_stops_every_one(monkeypatch: pytest.MonkeyPatch) -> None:
    real_fork = os.fork

    def fork_then_ctrl_c() -> int:
        pid = real_fork()
        if pid:
            os.kill(os.getpid(), signal.SIGINT)
        return pid

    monkeypatch.setattr(os, "fork", fork_then_ctrl_c)
    before = open_descriptors()
    with pytest.raises(KeyboardInterrupt):
        fork_map(sleepy, [0, 1, 2])
    assert open_descriptors() == before
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


@pytest.mark.parametrize(
    ("data", "line"),
    [(b"a\nb", 2), (b"a\r\nb", 2), (b"a\rb", 2), ("a\u0085b".encode(), 2), ("a\u2028b\u2029c".encode(), 3), (b"a\n\r\n\rb", 4)],
)
def test_lines_are_counted_as_libyaml_counts_them(data: bytes, line: int) -> None:
    assert line_number(data, len(data) - 1) == line


def test_each_argument_runs_in_its_own_process_and_results_keep_their_order() -> None:
    results = [result for result in fork_map(lambda number: (number * number, os.getpid()), [1, 2, 3]) if result is not None]
    assert [square for square, _ in results] == [1, 4, 9]
    pids = [pid for _, pid in results]
    assert pids[0] == os.getpid()
    assert len(set(pids)) == 3


def refuse_two(number: int) -> int:
    if number == 2:
        raise ValueError("two")
    if number == 3:
        os._exit(3)
    return number


def test_a_child_that_fails_gives_none() -> None:
    assert fork_map(refuse_two, [1, 2, 3, 4]) == [1, None, None, 4]


def big_then_unpicklable(number: int) -> object:
    """A result whose pickling fails after its first megabyte has gone down the pipe."""
    return [b"x" * (1 << 20), threading.Lock()] if number else number


def test_a_child_that_fails_halfway_through_its_result_gives_none() -> None:
    assert fork_map(big_then_unpicklable, [0, 1]) == [0, None]


def test_a_large_bank_uses_every_core_unless_a_thread_runs() -> None:
    assert default_jobs(MIN_PART_BYTES - 1) == 1
    assert default_jobs(64 * MIN_PART_BYTES) == min(len(os.sched_getaffinity(0)), 64)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert default_jobs(64 * MIN_PART_BYTES) == 1
        assert parse_in_parallel(copies(), "bank.yaml", 2) is None
    finally:
        stop.set()
        thread.join()


def test_a_part_must_start_with_a_question_on_the_line_of_its_cut() -> None:
    """What tells a real `questions:` line from one inside a quoted title: the first question's line."""
    data = copies(2)
    found = split(data, 2)
    assert found is not None
    header_end, parts = found
    assert read_part(data, "bank.yaml", header_end, parts[1]) is not None
    assert read_part(data, "bank.yaml", header_end, replace(parts[1], line=parts[1].line + 1)) is None
