"""Shell completion: --tag, --type and --lang complete from the bank on the command line, and a broken bank completes nothing."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.cli import cli

from .conftest import BANKS

EVERY_TYPE = str(BANKS / "every-type.yaml")
EVERY_TYPE_TAGS = ["figures", "france", "geography", "literature", "people", "quotes", "science"]
TYPES = ["mcq", "multi", "truefalse", "short", "numeric", "cloze", "match", "order"]


def complete(line: str) -> list[str]:
    """What bash is offered for `line` (the word being completed is its last, empty when the line ends with a space)."""
    words = shlex.split(line)
    cword = len(words) if line.endswith(" ") else len(words) - 1
    env = {"_QUIZGEN_COMPLETE": "bash_complete", "COMP_WORDS": line, "COMP_CWORD": str(cword)}
    result = CliRunner().invoke(cli, [], prog_name="quizgen", env=env)
    assert (result.exit_code, result.stderr) == (0, "")
    return [entry.split(",", 1)[1] for entry in result.stdout.splitlines() if entry]


@pytest.mark.parametrize(
    ("line", "offered"),
    [
        (f"quizgen quiz {EVERY_TYPE} --tag ", EVERY_TYPE_TAGS),
        (f"quizgen quiz {EVERY_TYPE} --tag f", ["figures", "france"]),
        (f"quizgen quiz {EVERY_TYPE} --count 3 --type ", TYPES),
        (f"quizgen quiz --seed 4 {EVERY_TYPE} --tag people --tag q", ["quotes"]),
        (f"quizgen handout {EVERY_TYPE} --type m", ["mcq", "multi", "match"]),
        (f"quizgen export {EVERY_TYPE} --format html --lang ", ["en", "fr"]),
        (f"quizgen anki {EVERY_TYPE} --lang ", ["en", "fr"]),
        (
            "quizgen export --format ",
            ["moodle", "gift", "qti", "csv", "quizlet", "kahoot", "blooket", "gimkit", "wayground", "json", "html"],
        ),
    ],
)
def test_tags_types_and_languages_come_from_the_bank_named(line: str, offered: list[str]) -> None:
    assert complete(line) == offered


def test_without_a_bank_the_local_questions_yaml_completes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "questions.yaml").write_bytes(Path(EVERY_TYPE).read_bytes())
    (tmp_path / "every-type-sun.png").write_bytes((BANKS / "every-type-sun.png").read_bytes())
    assert complete("quizgen quiz --tag ") == EVERY_TYPE_TAGS
    assert complete("quizgen handout --lang ") == ["en", "fr"]


def test_without_any_bank_the_bundled_one_completes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert complete("quizgen quiz --lang ") == ["fr", "en"]
    assert "cisco" in complete("quizgen quiz --tag ")


@pytest.mark.parametrize(
    "text",
    ["title: T\nquestions: [\n", "questions:\n  - {id: a, type: mcq}\n", "\xff\xfe not yaml", ""],
)
def test_a_broken_or_missing_bank_completes_nothing(tmp_path: Path, text: str) -> None:
    bank = tmp_path / "broken.yaml"
    bank.write_text(text, encoding="latin-1")
    for option in ("--tag", "--type", "--lang"):
        assert complete(f"quizgen quiz {bank} {option} ") == []
    assert complete(f"quizgen quiz {tmp_path / 'missing.yaml'} --tag ") == []


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_shell_gets_its_script(shell: str) -> None:
    result = CliRunner().invoke(cli, [], prog_name="quizgen", env={"_QUIZGEN_COMPLETE": f"{shell}_source"})
    assert result.exit_code == 0
    assert "_QUIZGEN_COMPLETE" in result.stdout and f"{shell}_complete" in result.stdout
