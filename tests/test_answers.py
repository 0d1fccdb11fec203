"""Answer checking, as tables: numbers in every spelling, text without case or accents, typos, every question type."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizgen import terminal
from quizgen.answers import (
    TextMatch,
    match_text,
    misspelt,
    normalize,
    read_letters,
    read_number,
    read_order,
    read_pairs,
    read_truth,
    within_one_edit,
)
from quizgen.bank import load_bank
from quizgen.model import Bank, Cloze, Match, MultipleChoice, Question
from quizgen.quiz import Note, Presentation, Unclear, Verdict, check_answer, hint, present, right_answer

from .conftest import BANKS, BUNDLED_BANK

BANK: Bank = load_bank(BANKS / "every-type.yaml").bank


def question(question_id: str) -> Question:
    return next(each for each in BANK.questions if each.id == question_id)


def shown(question_id: str, lang: str = "en", order: tuple[int, ...] | None = None) -> Presentation:
    """A question with its lists in the bank's order (or `order`), so that letters in the tables are predictable."""
    asked = question(question_id)
    size = len(present(asked, lang, 0).order)
    return Presentation(asked, lang, order if order is not None else tuple(range(size)))


@pytest.mark.parametrize(
    ("typed", "lang", "value"),
    [
        ("200", "en", "200"),
        ("200 millions", "fr", "200000000"),
        ("200 million", "en", "200000000"),
        ("200M", "en", "200000000"),
        ("200 m", "en", "200000000"),
        ("200 Mio", "fr", "200000000"),
        ("0,2 milliard", "fr", "200000000"),
        ("0.2 billion", "en", "200000000"),
        ("0,0002 billion", "fr", "200000000"),
        ("200 000 000", "fr", "200000000"),
        ("200 000 000", "en", "200000000"),
        ("200\u00a0000\u00a0000", "fr", "200000000"),
        ("200\u202f000\u202f000", "fr", "200000000"),
        ("200,000,000", "en", "200000000"),
        ("200,000,000", "fr", "200000000"),
        ("200.000.000", "fr", "200000000"),
        ("200'000'000", "en", "200000000"),
        ("2e8", "en", "200000000"),
        ("2E8", "fr", "200000000"),
        ("2.5e3", "en", "2500"),
        ("2 × 10^8", "fr", "200000000"),
        ("2.5k", "en", "2500"),
        ("2,5k", "fr", "2500"),
        ("200,5", "fr", "200.5"),
        ("200,5", "en", "200.5"),
        ("200.5", "fr", "200.5"),
        ("200,000", "en", "200000"),
        ("200,000", "fr", "200"),
        ("1.000", "fr", "1000"),
        ("1.000", "en", "1"),
        ("0,125", "en", "0.125"),
        ("1,234.5", "fr", "1234.5"),
        ("1.234,5", "en", "1234.5"),
        ("1 000,5", "fr", "1000.5"),
        ("-5", "en", "-5"),
        ("\u22125", "fr", "-5"),
        ("$200M", "en", "200000000"),
        ("200 M$", "fr", "200000000"),
        ("200 millions de dollars", "fr", "200000000"),
        ("200 million dollars", "en", "200000000"),
        ("environ 200 millions", "fr", "200000000"),
        ("about 200 million", "en", "200000000"),
        ("~200", "en", "200"),
        ("200 dollars", "en", "200"),
        ("1e308", "en", "1e308"),
        ("1e-400", "en", "1e-400"),
        ("1" + "0" * 49, "en", "1e49"),
        ("２００", "en", "200"),
    ],
)
def test_numbers_in_every_spelling(typed: str, lang: str, value: str) -> None:
    reading = read_number(typed, lang, ["dollars"])
    assert reading is not None
    assert reading.value == Decimal(value)
    assert reading.unit_ok


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "abc",
        "two hundred",
        "200 5",
        "1,2,3",
        "12,34,567",
        "1,234.5.6",
        "1.234,5,6",
        "²",
        "1e999",
        "-1e999",
        "2×10^400000000",
        "2×10^-400000000",
        "1e" + "9" * 5000,
        "1" * 51,
        "1" * 5000,
        "1e300 trillion",
        "1e300 billions",
    ],
)
def test_what_is_not_a_number(typed: str) -> None:
    assert read_number(typed, "en") is None


@pytest.mark.parametrize(
    ("typed", "units", "unit_ok"),
    [
        ("200 dollars", ["dollars"], True),
        ("200 dollar", ["dollars"], True),
        ("200 d'euros", ["dollars"], False),
        ("200 euros", ["dollars", "dollars"], False),
        ("50 %", ["%"], True),
        ("50%", ["%"], True),
        ("50 pour cent", ["%"], True),
        ("50 percent", ["%"], True),
        ("50 percent", ["jobs"], False),
        ("5 centres de R&D", ["centres de R&D", "R&D centres"], True),
        ("5 R&D centre", ["centres de R&D", "R&D centres"], True),
        ("40 start-up", ["start-up", "start-ups"], True),
        ("200 m", ["m"], True),
    ],
)
def test_units_after_a_number(typed: str, units: list[str], unit_ok: bool) -> None:
    reading = read_number(typed, "fr", units)
    assert reading is not None
    assert reading.unit_ok is unit_ok


def test_a_unit_that_looks_like_a_scale_is_the_unit() -> None:
    assert read_number("200 m", "en", ["m"]) == replace(read_number("200", "en"), unit="m")


@pytest.mark.parametrize(
    ("typed", "normalized"),
    [
        ("Victor Hugo", "victor hugo"),
        ("  VICTOR   hugo. ", "victor hugo"),
        ("Égalité", "egalite"),
        ("la Tour Eiffel", "tour eiffel"),
        ("L’Internet des objets", "internet des objets"),
        ("l'Internet des objets", "internet des objets"),
        ("The Internet of Things", "internet of things"),
        ("an apple", "apple"),
        ("Les Misérables", "miserables"),
        ("cœur", "coeur"),
        ("Straße", "strasse"),
        ("start-up", "start up"),
        ("le", "le"),
        ("49 %", "49"),
        ("« Vive la French Tech ! »", "vive la french tech"),
    ],
)
def test_text_is_compared_without_case_accents_punctuation_or_articles(typed: str, normalized: str) -> None:
    assert normalize(typed) == normalized


@pytest.mark.parametrize(
    ("given", "expected", "one_edit"),
    [
        ("launchpad", "launchpad", True),
        ("lanchpad", "launchpad", True),
        ("launchpadd", "launchpad", True),
        ("luanchpad", "launchpad", True),
        ("launchpaf", "launchpad", True),
        ("lnchpad", "launchpad", False),
        ("alunchpda", "launchpad", False),
        ("", "a", True),
        ("ab", "ba", True),
        ("abc", "cba", False),
    ],
)
def test_one_edit(given: str, expected: str, one_edit: bool) -> None:
    assert within_one_edit(given, expected) is one_edit
    assert within_one_edit(expected, given) is one_edit


@pytest.mark.parametrize(
    ("given", "expected", "forgiven"),
    [
        ("victor hgo", "victor hugo", True),
        ("victr hugo", "victor hugo", True),
        ("vcitor hugo", "victor hugo", True),
        ("victr hgo", "victor hugo", False),
        ("victorhugo", "victor hugo", True),
        ("hgo", "hugo", False),
        ("huga", "hugo", False),
        ("wikipdia fondaton", "wikipedia fondation", True),
        ("2015", "2016", False),
        ("cisko", "cisco", True),
        ("intel", "cisco", False),
    ],
)
def test_one_slip_is_forgiven_in_long_words_only(given: str, expected: str, forgiven: bool) -> None:
    assert misspelt(given, expected) is forgiven


@pytest.mark.parametrize(
    ("given", "expected", "found"),
    [
        ("startup", "start-up", TextMatch(0, misspelt=False)),
        ("start up", "startup", TextMatch(0, misspelt=False)),
        ("Wiki-pedia", "Wikipedia", TextMatch(0, misspelt=False)),
        ("capitale des startups", "capitale des start-up", TextMatch(0, misspelt=True)),
        ("capitale des startupss", "capitale des start-up", None),
    ],
)
def test_words_together_hyphenated_or_apart_are_the_same(given: str, expected: str, found: TextMatch | None) -> None:
    assert match_text(given, [expected]) == found


def test_a_slip_matches_only_when_one_candidate_fits() -> None:
    assert match_text("Marselle", ["Paris", "Marseille"]) is not None
    assert match_text("Paris", ["Parus", "Parts"]) is None
    assert match_text("Pariss", ["Lyon", "Paris"]) == TextMatch(1, misspelt=True)
    assert match_text("", ["a"]) is None


@pytest.mark.parametrize(
    ("typed", "truth"),
    [
        ("t", True), ("T", True), ("true", True), ("True", True), ("y", True), ("yes", True),
        ("v", True), ("vrai", True), ("Vrai", True), ("o", True), ("oui", True),
        ("f", False), ("false", False), ("n", False), ("no", False), ("faux", False), ("non", False),
        ("maybe", None), ("", None), ("tf", None),
    ],
)  # fmt: skip
def test_true_or_false_in_english_and_french(typed: str, truth: bool | None) -> None:
    assert read_truth(typed) is truth


@pytest.mark.parametrize(
    ("typed", "positions"),
    [
        ("a c", (0, 2)),
        ("a,c", (0, 2)),
        ("ac", (0, 2)),
        ("A, C", (0, 2)),
        ("c a", (0, 2)),
        ("a a", (0,)),
        ("1 3", (0, 2)),
        ("1,3", (0, 2)),
        ("b", (1,)),
        ("a e", None),
        ("5", None),
        ("a 1", None),
        ("", None),
        ("²", None),
        ("1 ²", None),
        ("٣", None),
        ("1" * 5000, None),
        ("1 " + "2" * 5000, None),
    ],
)
def test_letters(typed: str, positions: tuple[int, ...] | None) -> None:
    assert read_letters(typed, 4) == positions


@pytest.mark.parametrize(
    ("typed", "chosen"),
    [
        ("1b 2a 3c", (1, 0, 2)),
        ("1b2a3c", (1, 0, 2)),
        ("3c 1b 2a", (1, 0, 2)),
        ("1-b, 2-a, 3-c", (1, 0, 2)),
        ("1 b 2 a 3 c", (1, 0, 2)),
        ("b a c", (1, 0, 2)),
        ("bac", (1, 0, 2)),
        ("1a 2a 3a", (0, 0, 0)),
        ("1b 2a", None),
        ("1b 2a 3d", None),
        ("1b 1a 3c", None),
        ("1b 2a 4c", None),
        ("ba", None),
        ("hello", None),
        ("1 -> b 2 -> a 3 -> c", (1, 0, 2)),
        ("1) b 2) a 3) c", (1, 0, 2)),
        ("1" * 5000 + "a", None),
        ("1b 2a 3² c", None),
        ("1b 2a" + " " * 5000 + "!", None),
    ],
)
def test_pairs(typed: str, chosen: tuple[int, ...] | None) -> None:
    assert read_pairs(typed, 3, 3) == chosen


@pytest.mark.parametrize(
    ("typed", "order"),
    [
        ("3 1 2 4", (2, 0, 1, 3)),
        ("3,1,2,4", (2, 0, 1, 3)),
        ("3124", (2, 0, 1, 3)),
        ("3 > 1 > 2 > 4", (2, 0, 1, 3)),
        ("3 1 2", None),
        ("3 1 2 2", None),
        ("3 1 2 5", None),
        ("a b c d", None),
        ("3 1 2 ⁴", None),
        ("3 1 2 " + "4" * 5000, None),
        ("1" * 5000, None),
    ],
)
def test_order(typed: str, order: tuple[int, ...] | None) -> None:
    assert read_order(typed, 4) == order


RIGHT = "right"
WRONG = "wrong"
PARTLY = "partly"
UNCLEAR = "unclear"


def judged(result: Verdict | Unclear) -> str:
    if isinstance(result, Unclear):
        return UNCLEAR
    return RIGHT if result.correct else PARTLY if result.partial else WRONG


@pytest.mark.parametrize(
    ("question_id", "lang", "typed", "expected", "notes"),
    [
        ("capital-mcq", "en", ["a"], RIGHT, ()),
        ("capital-mcq", "en", ["A"], RIGHT, ()),
        ("capital-mcq", "en", ["a)"], RIGHT, ()),
        ("capital-mcq", "en", ["1"], RIGHT, ()),
        ("capital-mcq", "en", ["paris"], RIGHT, ()),
        ("capital-mcq", "en", ["Pariss"], RIGHT, ()),
        ("capital-mcq", "en", ["b"], WRONG, ()),
        ("capital-mcq", "en", ["Lyon"], WRONG, ()),
        ("capital-mcq", "en", ["Marselle"], WRONG, ()),
        ("capital-mcq", "en", ["e"], UNCLEAR, ()),
        ("capital-mcq", "en", ["5"], UNCLEAR, ()),
        ("capital-mcq", "en", ["Berlin"], UNCLEAR, ()),
        ("capital-mcq", "en", ["²"], UNCLEAR, ()),
        ("capital-mcq", "en", ["٣"], UNCLEAR, ()),
        ("capital-mcq", "en", ["1" * 5000], UNCLEAR, ()),
        ("countries-multi", "en", ["a b"], RIGHT, ()),
        ("countries-multi", "en", ["ab"], RIGHT, ()),
        ("countries-multi", "en", ["b,a"], RIGHT, ()),
        ("countries-multi", "en", ["1 2"], RIGHT, ()),
        ("countries-multi", "en", ["France, Germany"], RIGHT, ()),
        ("countries-multi", "fr", ["France; Allemagne"], RIGHT, ()),
        ("countries-multi", "en", ["a"], PARTLY, (Note("missing", ("b) Germany",)),)),
        ("countries-multi", "en", ["a c"], PARTLY, (Note("missing", ("b) Germany",)), Note("extra", ("c) Japan",)))),
        ("countries-multi", "fr", ["a b d"], PARTLY, (Note("extra", ("d) Brésil",)),)),
        ("countries-multi", "en", ["c d"], WRONG, (Note("missing", ("a) France, b) Germany",)), Note("extra", ("c) Japan, d) Brazil",)))),
        ("countries-multi", "en", ["a z"], UNCLEAR, ()),
        ("countries-multi", "en", ["France, Narnia"], UNCLEAR, ()),
        ("countries-multi", "en", ["²"], UNCLEAR, ()),
        ("countries-multi", "en", ["France, ²"], UNCLEAR, ()),
        ("countries-multi", "en", ["1" * 5000], UNCLEAR, ()),
        ("earth-flat-tf", "en", ["f"], RIGHT, ()),
        ("earth-flat-tf", "en", ["false"], RIGHT, ()),
        ("earth-flat-tf", "en", ["n"], RIGHT, ()),
        ("earth-flat-tf", "fr", ["faux"], RIGHT, ()),
        ("earth-flat-tf", "fr", ["non"], RIGHT, ()),
        ("earth-flat-tf", "fr", ["v"], WRONG, ()),
        ("earth-flat-tf", "en", ["yes"], WRONG, ()),
        ("earth-flat-tf", "fr", ["peut-être"], UNCLEAR, ()),
        ("author-short", "en", ["Victor Hugo"], RIGHT, ()),
        ("author-short", "en", ["victor hugo"], RIGHT, ()),
        ("author-short", "en", ["  Victor  Hugo. "], RIGHT, ()),
        ("author-short", "en", ["Hugo"], RIGHT, ()),
        ("author-short", "fr", ["hugo"], RIGHT, ()),
        ("author-short", "en", ["Victor Hgo"], RIGHT, (Note("spelling", ("Victor Hugo",)),)),
        ("author-short", "en", ["Vcitor Hugo"], RIGHT, (Note("spelling", ("Victor Hugo",)),)),
        ("author-short", "en", ["Hgo"], WRONG, ()),
        ("author-short", "en", ["Zola"], WRONG, ()),
        ("author-short", "en", ["?!"], WRONG, ()),
        ("author-short", "en", ["help"], WRONG, ()),
        ("capital-mcq", "en", ["capital Paris"], UNCLEAR, ()),
        ("investment-numeric", "en", ["200000000"], RIGHT, ()),
        ("investment-numeric", "en", ["200 million"], RIGHT, ()),
        ("investment-numeric", "fr", ["200 millions"], RIGHT, ()),
        ("investment-numeric", "en", ["200M"], RIGHT, ()),
        ("investment-numeric", "en", ["200 m"], RIGHT, ()),
        ("investment-numeric", "fr", ["0,2 milliard"], RIGHT, ()),
        ("investment-numeric", "fr", ["200 000 000"], RIGHT, ()),
        ("investment-numeric", "fr", ["200\u202f000\u202f000 dollars"], RIGHT, ()),
        ("investment-numeric", "en", ["200,000,000"], RIGHT, ()),
        ("investment-numeric", "en", ["2e8"], RIGHT, ()),
        ("investment-numeric", "en", ["$200M"], RIGHT, ()),
        ("investment-numeric", "fr", ["200 millions de dollars"], RIGHT, ()),
        ("investment-numeric", "fr", ["200 millions d'euros"], WRONG, (Note("other-currency", ("dollars", "euros")),)),
        ("investment-numeric", "en", ["€200M"], WRONG, (Note("other-currency", ("dollars", "EUR")),)),
        ("investment-numeric", "en", ["200 million pounds"], WRONG, (Note("other-currency", ("dollars", "pounds")),)),
        ("investment-numeric", "en", ["200 million widgets"], WRONG, (Note("other-currency", ("dollars", "widgets")),)),
        ("investment-numeric", "en", ["200 ou 300 millions"], UNCLEAR, ()),
        ("investment-numeric", "en", ["100-200 million"], UNCLEAR, ()),
        ("investment-numeric", "en", ["200 million or 2e8"], UNCLEAR, ()),
        ("investment-numeric", "en", ["2OO million"], UNCLEAR, ()),
        ("investment-numeric", "en", ["2O"], UNCLEAR, ()),
        ("investment-numeric", "en", ["200"], WRONG, (Note("read-as", ("200",)),)),
        ("investment-numeric", "fr", ["200,000"], WRONG, (Note("read-as", ("200",)),)),
        ("investment-numeric", "en", ["100 million"], WRONG, (Note("read-as", ("100,000,000",)),)),
        ("investment-numeric", "fr", ["2e9"], WRONG, (Note("read-as", ("2\u202f000\u202f000\u202f000",)),)),
        ("investment-numeric", "en", ["lots"], UNCLEAR, ()),
        ("investment-numeric", "en", ["1e999"], UNCLEAR, ()),
        ("investment-numeric", "fr", ["2×10^400000000"], UNCLEAR, ()),
        ("investment-numeric", "en", ["1" * 5000], UNCLEAR, ()),
        ("investment-numeric", "fr", ["1e300 billions"], UNCLEAR, ()),
        ("investment-numeric", "en", ["1e300"], WRONG, (Note("read-as", ("1e+300",)),)),
        ("motto-cloze", "en", ["equality", "fraternity"], RIGHT, ()),
        ("motto-cloze", "en", ["Equality", "the fraternity"], RIGHT, ()),
        ("motto-cloze", "fr", ["egalite", "Fraternité"], RIGHT, ()),
        ("motto-cloze", "en", ["equallity", "fraternity"], RIGHT, (Note("spelling", ("equality",)),)),
        ("motto-cloze", "en", ["equality", "liberty"], PARTLY, (Note("blank", ("2", "fraternity")),)),
        ("motto-cloze", "en", ["?", "x"], WRONG, (Note("blank", ("1", "equality")), Note("blank", ("2", "fraternity")))),
        ("quotes-match", "en", ["1a 2b 3c"], RIGHT, ()),
        ("quotes-match", "en", ["abc"], RIGHT, ()),
        ("quotes-match", "en", ["1a 2c 3b"], PARTLY, (Note("pairs", ("2c 3b",)),)),
        ("quotes-match", "en", ["1b 2c 3a"], WRONG, (Note("pairs", ("1b 2c 3a",)),)),
        ("quotes-match", "en", ["1a 2b"], UNCLEAR, ()),
        ("quotes-match", "en", ["1a 2a 3a"], PARTLY, (Note("pairs", ("2a 3a",)),)),
        ("quotes-match", "en", ["1" * 5000 + "a"], UNCLEAR, ()),
        ("planets-order", "en", ["1 2 3 4"], RIGHT, ()),
        ("planets-order", "en", ["1234"], RIGHT, ()),
        ("planets-order", "en", ["1 2 4 3"], PARTLY, (Note("placed", ("2", "4")),)),
        ("planets-order", "en", ["2 1 4 3"], WRONG, (Note("placed", ("0", "4")),)),
        ("planets-order", "en", ["1 2 3"], UNCLEAR, ()),
    ],
)
def test_checking_every_type(question_id: str, lang: str, typed: list[str], expected: str, notes: tuple[Note, ...]) -> None:
    result = check_answer(shown(question_id, lang), typed)
    assert judged(result) == expected
    if isinstance(result, Verdict):
        assert result.notes == notes


@pytest.mark.parametrize(
    ("question_id", "order", "typed", "expected"),
    [
        ("capital-mcq", (3, 2, 1, 0), ["d"], RIGHT),
        ("capital-mcq", (3, 2, 1, 0), ["4"], RIGHT),
        ("capital-mcq", (3, 2, 1, 0), ["a"], WRONG),
        ("countries-multi", (3, 2, 1, 0), ["c d"], RIGHT),
        ("quotes-match", (2, 0, 1), ["1b 2c 3a"], RIGHT),
        ("planets-order", (2, 0, 3, 1), ["2 4 1 3"], RIGHT),
        ("planets-order", (2, 0, 3, 1), ["1 2 3 4"], WRONG),
    ],
)
def test_letters_and_numbers_follow_the_order_shown(question_id: str, order: tuple[int, ...], typed: list[str], expected: str) -> None:
    assert judged(check_answer(shown(question_id, order=order), typed)) == expected


@pytest.mark.parametrize(("typed", "expected"), [("3", RIGHT), ("a", RIGHT), ("4", WRONG), ("10", WRONG), ("c", WRONG)])
def test_a_choice_written_as_a_number_is_chosen_by_its_text_first(typed: str, expected: str) -> None:
    numbers = tuple({"en": text, "fr": text} for text in ("3", "5", "10", "12"))
    capital = question("capital-mcq")
    assert isinstance(capital, MultipleChoice)
    asked = replace(capital, choices=numbers, answer=0)
    assert judged(check_answer(Presentation(asked, "en", (0, 1, 2, 3)), [typed])) == expected


@pytest.mark.parametrize(
    ("question_id", "lang", "order", "answer", "detail"),
    [
        ("capital-mcq", "en", (3, 2, 1, 0), "d) Paris", None),
        ("countries-multi", "fr", (3, 2, 1, 0), "c) Allemagne, d) France", None),
        ("earth-flat-tf", "fr", None, "Faux", None),
        ("author-short", "en", None, "Victor Hugo", None),
        ("investment-numeric", "fr", None, "200\u202f000\u202f000 dollars", None),
        ("motto-cloze", "fr", None, "Liberté, égalité, fraternité.", None),
        (
            "quotes-match",
            "en",
            (2, 0, 1),
            "1b 2c 3a",
            "“I think, therefore I am.” → Descartes; “I have a dream.” → Martin Luther King; “To be or not to be.” → Shakespeare",
        ),
        ("planets-order", "en", (2, 0, 3, 1), "2 4 1 3", "Mercury → Venus → Earth → Mars"),
    ],
)
def test_the_right_answer_as_shown(question_id: str, lang: str, order: tuple[int, ...] | None, answer: str, detail: str | None) -> None:
    verdict = right_answer(shown(question_id, lang, order))
    assert (verdict.correct, verdict.answer, verdict.detail) == (False, answer, detail)


@pytest.mark.parametrize(
    ("question_id", "lang", "blank", "expected"),
    [
        ("capital-mcq", "en", 0, "The city of the Eiffel Tower."),
        ("capital-mcq", "fr", 0, "La ville de la tour Eiffel."),
        ("countries-multi", "en", 0, "2 answers are right"),
        ("earth-flat-tf", "en", 0, None),
        ("author-short", "fr", 0, "commence par « V »"),
        ("investment-numeric", "en", 0, "a number with 9 digits"),
        ("motto-cloze", "en", 0, "a word for fairness"),
        ("motto-cloze", "fr", 1, "commence par « f »"),
        ("quotes-match", "en", 0, "1 goes with a)"),
        ("planets-order", "en", 0, "1. Mercury comes first"),
    ],
)
def test_hints(question_id: str, lang: str, blank: int, expected: str | None) -> None:
    assert hint(shown(question_id, lang), blank) == expected


def test_an_mcq_hint_rules_out_all_wrong_choices_but_one() -> None:
    presented = present(replace(question("capital-mcq"), hint=None), "en", 3)
    text = hint(presented, 0)
    assert text is not None
    assert text.startswith("it is not ")
    assert text.count(")") == 2
    assert "Paris" not in text


TRICKY = (
    *("1e999", "-1e999", "2×10^400000000", "1e300 trillion", "1" * 5000, "1e" + "9" * 5000),
    *("²", "³", "½", "٣", "１２", "⁴", "Ⅻ", "İ", "ß", "K", "\x00", "\n", "\t"),
    *("1", "9", "10", "0", "e", "E", "×10^", "x", "^", "-", "\u2212", "+", "$", "~", "environ ", "about "),
    *(" ", "\u00a0", "\u202f", "\u2009", "'", "’", ",", ".", ";", ":", "->", "→", ")", "?", "q"),
    *("a", "b", "z", "aa", "million", "billion", "milliards", "k", "dollars", "%", "pour cent", "de"),
    *("Paris", "Hugo", "vrai", "faux", "égalité", "Descartes", "Mercury"),
)
"""Pieces that have broken or could break a reader: huge exponents, digits that are not ASCII, separators, scale words."""
TYPED = st.one_of(
    st.sampled_from(TRICKY),
    st.lists(st.sampled_from(TRICKY), min_size=2, max_size=4).map(" ".join),
    st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=3)), max_size=8).map("".join),
    st.text(),
)
"""Any text, and the pieces alone or joined, which arbitrary text would seldom hit."""


@pytest.mark.parametrize("question_id", [each.id for each in BANK.questions])
@settings(max_examples=200, deadline=None)
@given(lang=st.sampled_from(["en", "fr"]), seed=st.integers(0, 10_000), typed=st.lists(TYPED, min_size=2, max_size=2))
def test_any_answer_gets_a_verdict_or_is_asked_again(question_id: str, lang: str, seed: int, typed: list[str]) -> None:
    presentation = present(question(question_id), lang, seed)
    result = check_answer(presentation, typed[: len(presentation.blanks) or 1])
    assert isinstance(result, (Verdict, Unclear))
    if isinstance(result, Verdict):
        assert terminal.feedback_lines(presentation, result, None)


@pytest.mark.parametrize("symbols", ["€", "?", "&", "🎉", "$ & %"])
def test_an_answer_of_symbols_only_matches_itself(symbols: str) -> None:
    assert match_text(symbols, [symbols]) == TextMatch(0, False)
    assert match_text("x", [symbols]) is None


BUNDLED = load_bank(BUNDLED_BANK).bank


def bundled(question_id: str, lang: str) -> Presentation:
    asked = next(each for each in BUNDLED.questions if each.id == question_id)
    return present(asked, lang, 1)


@pytest.mark.parametrize(
    ("question_id", "lang", "typed", "expected", "notes"),
    [
        # A slip is forgiven whatever the accepted spellings ('Launchpad', 'Amazon Launchpad', 'Launch Pad').
        ("amazon-launchpad-name", "fr", ["Lauchpad"], RIGHT, (Note("spelling", ("Launchpad",)),)),
        ("amazon-launchpad-name", "en", ["Launch pads"], RIGHT, (Note("spelling", ("Launchpad",)),)),
        ("amazon-launchpad-name", "en", ["Lunchbox"], WRONG, ()),
        ("prime-now-name", "fr", ["Prim Now"], RIGHT, (Note("spelling", ("Prime Now",)),)),
        ("cisco-so-digital", "fr", ["So Digitale"], RIGHT, (Note("spelling", ("SO Digital",)),)),
        ("cisco-investment-amount", "fr", ["200 millions d'euros"], WRONG, (Note("other-currency", ("dollars", "euros")),)),
        ("cisco-investment-amount", "fr", ["200 millions de dollars"], RIGHT, ()),
        ("cisco-investment-amount", "fr", ["5 ou 750"], UNCLEAR, ()),
        ("cisco-investment-amount", "fr", ["15-20"], UNCLEAR, ()),
        ("intel-jobs-cut", "fr", ["50 ou 49"], UNCLEAR, ()),
        ("carney-quote-49-percent", "fr", ["49 pour cent"], RIGHT, ()),
        ("carney-quote-49-percent", "en", ["49 percent"], RIGHT, ()),
    ],
)
def test_grading_the_bundled_bank(question_id: str, lang: str, typed: list[str], expected: str, notes: tuple[Note, ...]) -> None:
    result = check_answer(bundled(question_id, lang), typed)
    assert judged(result) == expected
    if isinstance(result, Verdict):
        assert result.notes == notes


def test_several_numbers_are_asked_again_with_how_to_answer() -> None:
    result = check_answer(bundled("cisco-investment-amount", "fr"), ["5 ou 750"])
    assert isinstance(result, Unclear)
    assert result.message == "Répondez par un seul nombre, par ex. 1500, 2,5 ou 3 millions."


@pytest.mark.parametrize(
    ("typed", "expected"), [("49 pour cent", RIGHT), ("49 percent", RIGHT), ("49", RIGHT), ("50 %", WRONG), ("49 dollars", WRONG)]
)
def test_percent_words_fill_a_percent_blank(typed: str, expected: str) -> None:
    cloze = Cloze(id="share", text={"fr": "{{c1::49 %}} des produits.", "en": "{{c1::49%}} of products."})
    assert judged(check_answer(Presentation(cloze, "fr"), [typed])) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("USA", RIGHT), ("États-Unis", RIGHT), ("etats unis", RIGHT), ("Etats-Unis d'Amerique", RIGHT), ("France", WRONG)],
)
def test_cloze_alternatives(typed: str, expected: str) -> None:
    cloze = Cloze(
        id="country",
        text={"fr": "Chambers vient des {{c1::États-Unis}}.", "en": "Chambers comes from the {{c1::United States}}."},
        accept={1: {"fr": ("USA", "États-Unis d’Amérique")}},
    )
    assert judged(check_answer(Presentation(cloze, "fr"), [typed])) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("mobile app", RIGHT), ("son application mobile", RIGHT), ("the website", WRONG), ("app", UNCLEAR), ("its", UNCLEAR), ("b", WRONG)],
)
def test_an_mcq_answer_typed_as_a_distinctive_part_of_a_choice(typed: str, expected: str) -> None:
    choices = (
        {"fr": "Son application mobile", "en": "Its mobile app"},
        {"fr": "Son site web", "en": "Its website"},
        {"fr": "Son application de bureau", "en": "Its desktop app"},
    )
    asked = MultipleChoice(id="channel", prompt={"fr": "Quel canal ?", "en": "Which channel?"}, choices=choices, answer=0)
    assert judged(check_answer(Presentation(asked, "fr", (0, 1, 2)), [typed])) == expected


def two_quotes_by_one_speaker() -> Match:
    return Match(
        id="speakers",
        prompt={"en": "Who said it?", "fr": "Qui l’a dit ?"},
        pairs=(
            ({"en": "“Double down.”", "fr": "« Doubler. »"}, {"en": "Chambers", "fr": "Chambers"}),
            ({"en": "“France is ready.”", "fr": "« La France est prête. »"}, {"en": "Chambers", "fr": "Chambers"}),
            ({"en": "“A shop window.”", "fr": "« Une vitrine. »"}, {"en": "Carney", "fr": "Carney"}),
        ),
        distractors=({"en": "Gattaz", "fr": "Gattaz"},),
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("1b 2b 3a", RIGHT), ("bba", RIGHT), ("1b 2a 3b", PARTLY), ("1c 2c 3c", WRONG), ("1c 2b 3a", PARTLY), ("1d 2b 3a", UNCLEAR)],
)
def test_a_match_with_a_repeated_right_side_is_graded_by_its_text(typed: str, expected: str) -> None:
    asked = two_quotes_by_one_speaker()
    # The right column is Match.right_column (Chambers once, Carney, then the distractor), here shown Carney first.
    presentation = Presentation(asked, "en", (1, 0, 2))
    assert [presentation.shown(position) for position in range(3)] == ["Carney", "Chambers", "Gattaz"]
    assert judged(check_answer(presentation, [typed])) == expected
    assert right_answer(presentation).answer == "1b 2b 3a"
    assert len(present(asked, "en", 3).order) == len(asked.right_column("en")) == 3
