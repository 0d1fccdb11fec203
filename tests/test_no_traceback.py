"""No command ever answers a hostile bank with a traceback.

Banks are generated from the format's grammar with hostile values in every place (numbers YAML 1.1
reads its own way, overflowing and non-finite numbers, huge cloze numbers, markup, control
characters, empty and null values, wrong shapes), written as YAML text and given to `check`,
`build`, every `export` format and `handout --format md`, as a user would. Each command either
succeeds, with only finite numbers in what it writes, or refuses with located one-line messages.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import click
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.cli import cli
from quizgen.model import TYPES

from .conftest import BANKS

HOSTILE_NUMBERS = [
    "01000", "1:30", "0x1F", "0o17", "0b101", "1_000", "1e3", "1.0e+308", "-1.0e+308", "1e400", ".inf", "-.inf", ".nan",
    "0", "-0", "1e-320", "99999999999999999999999999", "12.5", "-273.15", '"12"', "~", "null", "true", "no", "2016-06-30",
]  # fmt: skip
HOSTILE_TEXTS = [
    "<script>alert(1)</script>", "{{c1::x}}", "{{c70000::x}}", "{{c1::}}", "a::b::", "::", "\u0000", "\u001b[31m", "\u202e",
    "x" * 300, "« »", "é", "e\u0301", "\t", "#", "- a", "@x", "`x`", "*x*", "[x](y)", "\\", "{x}", "=x", "~x", "1. x",
]  # fmt: skip
FIELDS = [
    "id", "type", "prompt", "choices", "answer", "answers", "accept", "tolerance", "range", "unit", "text", "pairs",
    "distractors", "items", "tags", "difficulty", "explanation", "source", "hint", "draft", "support", "group", "points", "image",
]  # fmt: skip


class Raw(str):
    """A scalar written into the YAML as it is, unquoted: how YAML reads it is part of the test."""


def flow(value: Any) -> str:
    """`value` as YAML flow text: strings double-quoted (JSON's escapes are YAML's), Raw scalars as they are."""
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{flow(key)}: {flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    return json.dumps(value)


scalars = st.one_of(
    st.sampled_from(HOSTILE_NUMBERS).map(Raw),
    st.sampled_from(HOSTILE_TEXTS),
    st.text(max_size=12),
    st.integers(-(10**30), 10**30).map(lambda number: Raw(str(number))),
)
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(FIELDS), inner, max_size=3), max_leaves=8
)


VALID: dict[str, dict[str, Any]] = {
    "mcq": {"choices": ["a", "b", "c"], "answer": "a"},
    "multi": {"choices": ["a", "b", "c"], "answers": ["a", "b"]},
    "truefalse": {"answer": Raw("true")},
    "short": {"answer": "x", "accept": ["y"]},
    "numeric": {"answer": Raw("12.5"), "tolerance": Raw("1")},
    "cloze": {"text": "The {{c1::sun}} is a {{c2::star}}."},
    "match": {"pairs": [["a", "1"], ["b", "2"], ["c", "3"]], "distractors": ["4"]},
    "order": {"items": ["a", "b", "c"]},
}


@st.composite
def question(draw: st.DrawFn, number: int) -> dict[str, Any]:
    """A valid question of a random type, with up to three of its fields replaced by hostile values."""
    kind = draw(st.sampled_from(TYPES))
    fields: dict[str, Any] = {"id": f"q{number}", "type": kind, "prompt": "Which?", **VALID[kind], "explanation": "Because."}
    for name in draw(st.lists(st.sampled_from(FIELDS), max_size=3, unique=True)):
        fields[name] = draw(values)
    return fields


@st.composite
def bank_text(draw: st.DrawFn) -> str:
    count = draw(st.integers(1, 3))
    questions = [draw(question(number)) for number in range(count)]
    title = draw(st.sampled_from(["Hostile", "日本語のテスト", "タイトル", "x" * 260, "<b>T</b>"]))
    lines = [f"title: {flow(title)}", "source: none", "questions:"]
    lines += [f"  - {flow(fields)}" for fields in questions]
    return "\n".join(lines) + "\n"


LOCATED = re.compile(
    r"^(Error: .+|nothing written: .+|[^:\n]+:\d+: .+|\d+ errors?( and \d+ warnings?)? in .+|Warning: .+|.+: warning: .+)$"
)


def export_formats() -> list[str]:
    option = next(parameter for parameter in cli.commands["export"].params if parameter.name == "format_")
    assert isinstance(option.type, click.Choice)
    return [str(choice) for choice in option.type.choices]


def invoke(arguments: list[str]) -> Result:
    result = CliRunner().invoke(cli, arguments)
    assert result.exception is None or isinstance(result.exception, SystemExit), (arguments, result.output)
    assert "Traceback" not in result.output
    return result


def assert_refused_cleanly(result: Result) -> None:
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert lines, "a refusal says why"
    assert all(LOCATED.match(line) for line in lines), result.stderr


def assert_finite(path: Path) -> None:
    """No output holds an infinite or undefined number."""
    data = path.read_bytes()
    if path.suffix == ".json":
        json.loads(data, parse_constant=lambda constant: (_ for _ in ()).throw(AssertionError(constant)))
    elif path.suffix == ".xml":
        ElementTree.fromstring(data)
    text = data.decode("utf-8", "replace")
    assert not re.search(r"(?<![\w-])(-?inf|nan|Infinity|NaN)(?![\w-])", text), path.name


def walk(bank: Path, out: Path) -> None:
    """Every command on `bank`: all refuse it the same way, or all make outputs with finite numbers."""
    checked = invoke(["check", str(bank)])
    if checked.exit_code != 0:
        assert_refused_cleanly(checked)
        for arguments in (
            ["build", str(bank), "--out-dir", str(out)],
            ["export", str(bank), "--format", "json", "-o", str(out / "x.json")],
        ):
            assert_refused_cleanly(invoke(arguments))
        return
    assert math.isfinite(len(checked.output))
    assert invoke(["build", str(bank), "--out-dir", str(out / "decks")]).exit_code == 0
    for format_ in export_formats():
        result = invoke(["export", str(bank), "--format", format_, "-o", str(out / f"bank.{format_}")])
        assert result.exit_code in (0, 1), result.output
        if result.exit_code == 1:
            assert_refused_cleanly(result)
    for written in out.glob("bank.*"):
        assert_finite(written)
    assert invoke(["handout", str(bank), "--format", "md", "-o", str(out / "sheet.md")]).exit_code == 0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=bank_text())
def test_no_command_gives_a_traceback(tmp_path_factory: Any, text: str) -> None:
    folder = tmp_path_factory.mktemp("walk")
    bank = folder / "bank.yaml"
    bank.write_text(text, encoding="utf-8")
    walk(bank, folder)


def test_the_hostile_corpus_walks_without_a_traceback(tmp_path: Path) -> None:
    banks = sorted(BANKS.glob("*.yaml"))
    assert banks
    for bank in banks:
        out = tmp_path / bank.stem
        out.mkdir()
        walk(bank, out)
