"""The keys that say what a question proves and how it is shown: each read from YAML, each bad value refused with its line."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizgen.bank import parse_bank
from quizgen.errors import BankError
from quizgen.model import Bank, Cloze, Image, Match, Numeric, Order, TrueFalse

HEADER = "title: T\nlanguages: [en, fr]\nquestions:\n"
"""Three lines, so the first question starts on line 4."""
MCQ = "  - id: q\n    type: mcq\n    prompt: P\n    choices: [a, b, c]\n    answer: a\n"
NUMERIC = "  - id: n\n    type: numeric\n    prompt: P\n"
MATCH = "  - id: m\n    type: match\n    prompt: P\n"
ORDER = "  - id: o\n    type: order\n    prompt: P\n"
CLOZE = "  - id: c\n    type: cloze\n    text: {en: 'A {{c1::b}} c {{c2::d}}', fr: 'A {{c1::b}} c {{c2::d}}'}\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(32)
FIX = ", or put it in quotes if it is text"


def errors(text: str, path: str = "bank.yaml", header: str = HEADER) -> list[str]:
    """The errors (not the warnings) reported for a bank of `header` then `text`."""
    with pytest.raises(BankError) as caught:
        parse_bank((header + text).encode(), path)
    return [str(problem) for problem in caught.value.problems if not problem.warning]


def load(text: str, path: str = "bank.yaml", header: str = HEADER) -> tuple[Bank, list[str]]:
    loaded = parse_bank((header + text).encode(), path)
    return loaded.bank, [str(problem) for problem in loaded.warnings]


BAD = [
    (
        "support neither quoted nor inferred",
        MCQ + "    support: maybe\n",
        "bank.yaml:9: question 'q': support must be quoted (the excerpt shows the answer) or inferred (the explanation says why); found 'maybe'",
    ),
    (
        "group not a slug",
        MCQ + "    group: Quotes Chambers\n",
        "bank.yaml:9: question 'q': group must be a slug of lowercase letters, digits, '-' and '_', like 'quotes-chambers'",
    ),
    ("no points", MCQ + "    points: 0\n", "bank.yaml:9: question 'q': points must be a number greater than 0 and at most 100; found '0'"),
    (
        "too many points",
        MCQ + "    points: 101\n",
        "bank.yaml:9: question 'q': points must be a number greater than 0 and at most 100; found '101'",
    ),
    (
        "points not finite",
        MCQ + "    points: .nan\n",
        "bank.yaml:9: question 'q': points '.nan' is not a finite number; write a number such as 1000",
    ),
    (
        "a postcode YAML 1.1 reads as octal",
        NUMERIC + "    answer: 01000\n",
        f"bank.yaml:7: question 'n': answer '01000' is read by YAML 1.1 as 512 (a leading 0 makes it octal); write 1000{FIX}",
    ),
    (
        "a negative octal",
        NUMERIC + "    answer: -0100\n",
        f"bank.yaml:7: question 'n': answer '-0100' is read by YAML 1.1 as -64 (a leading 0 makes it octal); write -100{FIX}",
    ),
    (
        "a time YAML 1.1 reads in base 60",
        NUMERIC + "    answer: 1:30\n",
        f"bank.yaml:7: question 'n': answer '1:30' is read by YAML 1.1 as 90 (base 60, like a time); write 90{FIX}",
    ),
    (
        "a base-60 float",
        NUMERIC + "    answer: 1:30.5\n",
        f"bank.yaml:7: question 'n': answer '1:30.5' is read by YAML 1.1 as 90.5 (base 60, like a time); write 90.5{FIX}",
    ),
    (
        "hexadecimal",
        NUMERIC + "    answer: 0x1F\n",
        f"bank.yaml:7: question 'n': answer '0x1F' is a hexadecimal number to YAML 1.1 (31); write 31{FIX}",
    ),
    (
        "binary",
        NUMERIC + "    answer: 0b101\n",
        f"bank.yaml:7: question 'n': answer '0b101' is a binary number to YAML 1.1 (5); write 5{FIX}",
    ),
    (
        "underscores",
        NUMERIC + "    answer: 1_000\n",
        f"bank.yaml:7: question 'n': answer '1_000' has underscores, which YAML 1.1 drops; write 1000{FIX}",
    ),
    (
        "underscores in a float",
        NUMERIC + "    answer: 1_000.5\n",
        f"bank.yaml:7: question 'n': answer '1_000.5' has underscores, which YAML 1.1 drops; write 1000.5{FIX}",
    ),
    (
        "underscores in a tolerance",
        NUMERIC + "    answer: 10\n    tolerance: 0_5\n",
        f"bank.yaml:8: question 'n': tolerance '0_5' has underscores, which YAML 1.1 drops; write 5{FIX}",
    ),
    (
        "octal in a range",
        NUMERIC + "    answer: 10\n    range: [010, 20]\n",
        f"bank.yaml:8: question 'n': range min '010' is read by YAML 1.1 as 8 (a leading 0 makes it octal); write 10{FIX}",
    ),
    (
        "a percent tolerance that overflows",
        NUMERIC + '    answer: 1.0e+308\n    tolerance: "200%"\n',
        "bank.yaml:8: question 'n': tolerance 200% around 1e+308 goes beyond the largest number any output can show; give a smaller one",
    ),
    (
        "an absolute tolerance that overflows",
        NUMERIC + "    answer: 1.0e+308\n    tolerance: 1.0e+308\n",
        "bank.yaml:8: question 'n': tolerance 1e+308 around 1e+308 goes beyond the largest number any output can show; give a smaller one",
    ),
    (
        "a tag of empty parts",
        MCQ + "    tags: ['::']\n",
        "bank.yaml:9: question 'q': tag '::' has an empty part between '::' separators; write a word on each side, such as 'topic::investment'",
    ),
    (
        "a tag ending in ::",
        MCQ + "    tags: ['a::b::']\n",
        "bank.yaml:9: question 'q': tag 'a::b::' has an empty part between '::' separators; write 'a::b'",
    ),
    (
        "a text too long",
        MCQ.replace("prompt: P", "prompt: " + "x" * 10_001),
        "bank.yaml:6: question 'q': prompt is 10,001 characters long; a text holds at most 10,000: keep the passage the question needs",
    ),
    (
        "one choice in NFC and NFD",
        '  - id: q\n    type: mcq\n    prompt: P\n    choices: ["Caf\u00e9", "Cafe\u0301", Tea]\n    answer: Tea\n',
        "bank.yaml:7: question 'q': choices: 'Caf\u00e9' is listed twice (in two Unicode spellings)",
    ),
    (
        "one choice in two cases, with and without accents",
        '  - id: q\n    type: mcq\n    prompt: P\n    choices: ["Élysée", "elysee", Tea]\n    answer: Tea\n',
        "bank.yaml:7: question 'q': choices: 'Élysée' and 'elysee' are one text once case, accents and Unicode forms are set aside; keep one",
    ),
    (
        "twin choices (French)",
        "  - id: q\n    type: mcq\n    prompt: P\n    choices: [Le Maire, Bruno Le Maire, Carney]\n    answer: Carney\n",
        "bank.yaml:7: question 'q': choices 'Le Maire' and 'Bruno Le Maire' name the same thing (one is inside the other): "
        "make every choice name something else",
    ),
    (
        "twin choices (English)",
        "  - id: q\n    type: multi\n    prompt: P\n    choices: [The Chancellor, Rachel Reeves, Reeves, Mark Carney]\n    answers: [Rachel Reeves, Mark Carney]\n",
        "bank.yaml:7: question 'q': choices 'Reeves' and 'Rachel Reeves' name the same thing (one is inside the other): "
        "make every choice name something else",
    ),
    (
        "a match of two pairs",
        MATCH + "    pairs: [[a, b], [c, d]]\n",
        "bank.yaml:7: question 'm': a match of 2 pairs gives its last pair away: add a pair, or distractors "
        "(right-hand items that match no left side, such as distractors: [Pierre Gattaz])",
    ),
    (
        "a distractor that is a right side",
        MATCH + "    pairs: [[a, b], [c, D]]\n    distractors: [d]\n",
        "bank.yaml:8: question 'm': distractor 'd' is the right side of pair 2; a distractor must match no left side",
    ),
    (
        "a pair mapping without its right side",
        MATCH + "    pairs: [{left: a}, [c, d], [e, f]]\n",
        "bank.yaml:7: question 'm': pair 1 must be [left, right] or {left: …, right: …, source: …}; found a mapping",
    ),
    (
        "a pair mapping with an unknown key",
        MATCH + "    pairs: [{left: a, right: b, sauce: x}, [c, d], [e, f]]\n",
        "bank.yaml:7: question 'm': unknown key 'sauce' in pair 1 (did you mean 'source'?); valid keys: left, right, source",
    ),
    (
        "one left side in NFC and NFD",
        MATCH + '    pairs: [["Caf\u00e9", b], ["Cafe\u0301", d], [e, f]]\n',
        "bank.yaml:7: question 'm': pairs: the left side 'Caf\u00e9' is listed twice (in two Unicode spellings)",
    ),
    (
        "an order item with an unknown key",
        ORDER + "    items: [{text: a, sourc: x}, b, c]\n",
        "bank.yaml:7: question 'o': unknown key 'sourc' in item 1 (did you mean 'source'?); valid keys: text, source",
    ),
    (
        "order items equal once folded",
        ORDER + "    items: [a, A, c]\n",
        "bank.yaml:7: question 'o': items: 'a' and 'A' are one text once case, accents and Unicode forms are set aside; keep one",
    ),
    (
        "cloze alternatives for a blank it lacks",
        CLOZE + "    accept: {c3: [x]}\n",
        "bank.yaml:7: question 'c': accept: 'c3' is not a deletion of the text; its deletions are c1, c2",
    ),
    (
        "cloze alternatives in a language the bank lacks",
        CLOZE + "    accept: {c1: {de: [x]}}\n",
        "bank.yaml:7: question 'c': accept c1: language 'de' is not one of the bank's languages (en, fr)",
    ),
    (
        "cloze alternatives as a list",
        CLOZE + "    accept: [x]\n",
        "bank.yaml:7: question 'c': accept must map deletions to other right answers, such as {c1: [digital, numérique]}; found a list",
    ),
    (
        "cloze alternatives empty",
        CLOZE + "    accept: {c1: []}\n",
        "bank.yaml:7: question 'c': accept c1 must have at least 1 item; found 0",
    ),
    (
        "an image at an absolute path",
        MCQ + "    image: /etc/passwd\n",
        "bank.yaml:9: question 'q': image '/etc/passwd' is an absolute path; give a path relative to the bank's folder, such as images/chart.png",
    ),
    (
        "an image mapping without a file",
        MCQ + "    image: {alt: x}\n",
        "bank.yaml:9: question 'q': image needs a 'file': image: {file: chart.png, alt: \"…\"}",
    ),
]


@pytest.mark.parametrize(("text", "expected"), [case[1:] for case in BAD], ids=[case[0] for case in BAD])
def test_a_bad_new_key_is_reported_with_its_line(text: str, expected: str) -> None:
    assert errors(text) == [expected]


@pytest.mark.parametrize(
    ("top", "expected"),
    [
        (
            "source: nothing\n",
            "bank.yaml:3: source must be 'none' (no source text) or a mapping with title, url, date, file, language; found 'nothing'",
        ),
        (
            "source: {title: S, language: de}\n",
            "bank.yaml:3: source language 'de' is not one of the bank's languages (en, fr): answers are looked for in the excerpts in that language",
        ),
    ],
)
def test_a_bad_source_is_reported(top: str, expected: str) -> None:
    assert errors(MCQ, header="title: T\nlanguages: [en, fr]\n" + top + "questions:\n") == [expected]


def test_every_new_key_of_the_every_type_bank_is_read(every_type_bank: Bank) -> None:
    bank = every_type_bank
    questions = {question.id: question for question in bank.questions}
    assert bank.source is not None and bank.source.language == "en" and bank.source_language == "en"
    assert questions["capital-mcq"].group == "capitals"
    assert isinstance(questions["earth-flat-tf"], TrueFalse) and questions["earth-flat-tf"].support == "inferred"
    assert questions["investment-numeric"].points == 2.0 and questions["capital-mcq"].points == 1.0
    cloze = questions["motto-cloze"]
    assert (
        isinstance(cloze, Cloze) and cloze.accepted(2, "en") == ("fraternity", "brotherhood") and cloze.accepted(2, "fr") == ("fraternité",)
    )
    match = questions["quotes-match"]
    assert isinstance(match, Match)
    assert match.pair_sources == ("Descartes, King and Shakespeare are quoted.", None, None)
    assert match.distractors == ({"en": "Molière", "fr": "Molière"},)
    assert match.right_column("en") == ("Descartes", "Martin Luther King", "Shakespeare", "Molière")
    order = questions["planets-order"]
    assert isinstance(order, Order) and order.item_sources == ("Mercury, Venus, Earth and Mars are the inner planets.", None, None, None)
    assert order.image == Image("every-type-sun.png", {"en": "A white sun on a blue sky.", "fr": "Un soleil blanc sur un ciel bleu."})


def test_source_none_silences_the_missing_excerpt_warnings() -> None:
    for place in ("before", "after"):
        source = "source: none\n"
        text = (source + HEADER + MCQ) if place == "before" else (HEADER + MCQ + source)
        loaded = parse_bank(text.encode(), "bank.yaml")
        assert loaded.bank.no_source and loaded.bank.source is None
        line = 5 if place == "before" else 4
        assert [str(problem) for problem in loaded.warnings] == [
            f"bank.yaml:{line}: question 'q': warning: no 'explanation': add a sentence or two to show after the answer"
        ], place


def test_excerpts_on_every_pair_or_item_stand_for_the_question_excerpt() -> None:
    text = (
        MATCH
        + "    explanation: E\n    pairs: [{left: a, right: b, source: x}, {left: c, right: d, source: y}, {left: e, right: f, source: z}]\n"
        "  - id: o\n    type: order\n    prompt: P\n    explanation: E\n    items: [{text: a, source: x}, {text: b, source: y}, c]\n"
    )
    bank, warnings = load(text)
    assert warnings == [
        "bank.yaml:9: question 'o': warning: no 'source': add the verbatim excerpt of the source text the question is written from"
    ]
    assert isinstance(bank.questions[0], Match) and bank.questions[0].pair_sources == ("x", "y", "z")


def test_inferred_support_without_an_explanation_is_a_warning() -> None:
    _, warnings = load(MCQ + "    source: x\n    support: inferred\n")
    assert warnings == [
        "bank.yaml:4: question 'q': warning: no 'explanation': add a sentence or two to show after the answer",
        "bank.yaml:10: question 'q': warning: support: inferred needs an 'explanation' saying how the answer follows from the excerpt",
    ]


def test_repeated_right_sides_are_kept_and_graded_by_text() -> None:
    bank, _ = load(MATCH + "    pairs: [[q1, Chambers], [q2, Wales], [q3, Chambers]]\n")
    match = bank.questions[0]
    assert isinstance(match, Match)
    assert match.right_column("en") == ("Chambers", "Wales") and match.solution("en") == (0, 1, 0)


def test_two_pairs_with_a_distractor_are_enough() -> None:
    bank, _ = load(MATCH + "    pairs: [[a, b], [c, d]]\n    distractors: [e, {en: f, fr: g}]\n")
    match = bank.questions[0]
    assert isinstance(match, Match) and match.right_column("fr") == ("b", "d", "e", "g")


# Images: each rule on real files in a bank folder.

IMAGES = {
    "chart.png": PNG,
    "photo.jpg": b"\xff\xd8\xff\xe0" + bytes(16),
    "anim.gif": b"GIF89a" + bytes(16),
    "pic.webp": b"RIFF\x10\x00\x00\x00WEBPVP8 " + bytes(16),
    "drawing.svg": b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
    "bare.svg": b"\xef\xbb\xbf  <svg/>",
    "sub/inside.png": PNG,
}


@pytest.fixture
def bank_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "bank"
    (folder / "sub").mkdir(parents=True)
    for name, data in IMAGES.items():
        (folder / name).write_bytes(data)
    (tmp_path / "secret.png").write_bytes(PNG)
    return folder


@pytest.mark.parametrize("name", sorted(IMAGES))
def test_a_picture_in_the_bank_folder_is_accepted(bank_folder: Path, name: str) -> None:
    bank, warnings = load(MCQ + f"    image: {{file: '{name}', alt: A chart}}\n", str(bank_folder / "bank.yaml"))
    assert bank.questions[0].image == Image(name, {"en": "A chart", "fr": "A chart"})
    assert not [warning for warning in warnings if "image" in warning]


def test_an_image_without_alt_text_is_a_warning(bank_folder: Path) -> None:
    _, warnings = load(MCQ + "    image: chart.png\n", str(bank_folder / "bank.yaml"))
    assert (
        f"{bank_folder / 'bank.yaml'}:9: question 'q': warning: image has no alt text: write image: {{file: …, alt: …}} with the words that stand for the picture"
        in warnings
    )


@pytest.mark.parametrize(
    ("setup", "file", "reason"),
    [
        (None, "../secret.png", "is outside the bank's folder ({root}); put the picture in that folder or below it"),
        ("link-out", "link.png", "is outside the bank's folder ({root}); put the picture in that folder or below it"),
        (None, "missing.png", "cannot be read (No such file or directory); give the path relative to the bank's folder"),
        (None, "sub", "is not a regular file; give a picture file"),
        ("fifo", "pipe.png", "is not a regular file; give a picture file"),
        ("text", "notes.png", "is not a picture quizgen can show: give a PNG, JPEG, GIF, WebP or SVG file"),
        ("huge", "huge.png", "is 10.0 MB; an image is at most 10 MB (make it smaller)"),
    ],
)
def test_an_image_that_is_not_a_picture_inside_the_bank_is_refused(bank_folder: Path, setup: str | None, file: str, reason: str) -> None:
    if setup == "link-out":
        (bank_folder / "link.png").symlink_to(bank_folder.parent / "secret.png")
    elif setup == "fifo":
        os.mkfifo(bank_folder / "pipe.png")
    elif setup == "text":
        (bank_folder / "notes.png").write_text("not a picture")
    elif setup == "huge":
        with open(bank_folder / "huge.png", "wb") as huge:
            huge.write(PNG)
            huge.truncate(10 * 1024 * 1024 + 1)
    path = str(bank_folder / "bank.yaml")
    expected = f"{path}:9: question 'q': image '{file}' " + reason.format(root=bank_folder.resolve())
    assert errors(MCQ + f"    image: {file}\n", path) == [expected]


def test_a_symbolic_link_inside_the_bank_folder_is_followed(bank_folder: Path) -> None:
    (bank_folder / "alias.png").symlink_to(bank_folder / "sub" / "inside.png")
    bank, _ = load(MCQ + "    image: {file: alias.png, alt: A}\n", str(bank_folder / "bank.yaml"))
    assert bank.questions[0].image is not None


# Properties

DIGITS = st.integers(min_value=-(10**15), max_value=10**15)


@settings(deadline=None)
@given(DIGITS)
def test_a_number_written_plainly_is_read_as_written(number: int) -> None:
    bank, _ = load(NUMERIC + f"    answer: {number}\n")
    question = bank.questions[0]
    assert isinstance(question, Numeric) and question.answer == number


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=10**9), st.integers(min_value=1, max_value=3))
def test_a_number_with_leading_zeros_is_refused_never_changed(number: int, zeros: int) -> None:
    written = "0" * zeros + str(number)
    if not set(str(number)) <= set("01234567"):
        return  # YAML 1.1 reads it as the decimal it looks like (or as text): nothing is silently changed
    reported = errors(NUMERIC + f"    answer: {written}\n")
    assert reported == [
        f"bank.yaml:7: question 'n': answer '{written}' is read by YAML 1.1 as {int(str(number), 8)} (a leading 0 makes it octal); write {number}{FIX}"
    ]


@settings(deadline=None)
@given(
    st.text(alphabet="aeiouéèêàçnrst ", min_size=2, max_size=12).filter(
        lambda text: text.strip() and unicodedata.normalize("NFD", text) != text
    )
)
def test_nfc_and_nfd_spellings_of_a_choice_are_one_choice(text: str) -> None:
    nfc, nfd = unicodedata.normalize("NFC", text).strip(), unicodedata.normalize("NFD", text).strip()
    choices = f'["{nfc}", "{nfd}", "zzz"]'
    reported = errors(f"  - id: q\n    type: mcq\n    prompt: P\n    choices: {choices}\n    answer: zzz\n")
    assert reported == [f"bank.yaml:7: question 'q': choices: {nfc!r} is listed twice (in two Unicode spellings)"]
