"""Read a bank file and validate it, reporting every problem with its location.

The package reads in layers, each a class built on the one before:
`nodes.EventReader` composes YAML parser events into nodes that keep their
lines; `values.ValueReader` reads typed values (texts in every language,
numbers, lists) from them; `fields.FieldReader` reads each question field;
`reader.BankReader` reads the top level and streams the questions through.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import BankError
from ..files import is_file, read_bytes
from .nodes import Node, did_you_mean
from .reader import BankReader, Loaded

__all__ = ["BankReader", "Loaded", "Node", "bank_path", "bundled_bank_path", "did_you_mean", "load_bank", "parse_bank"]


def parse_bank(data: bytes, path: str, jobs: int | None = None) -> Loaded:
    """Validate a bank's bytes; raise BankError with every problem, located in `path`.

    A large bank is read by `jobs` processes, by default one per core (see parallel.py).
    """
    from .parallel import default_jobs, parse_in_parallel

    jobs = default_jobs(len(data)) if jobs is None else jobs
    if jobs > 1 and (loaded := parse_in_parallel(data, path, jobs)) is not None:
        return loaded
    return BankReader(data, path).read()


def load_bank(path: Path) -> Loaded:
    """Read and validate the bank at `path`, from the cache when its bytes are unchanged.

    A bank written by `quizgen export --format json` is read too; a file from
    another tool (GIFT, Moodle XML, Anki) is named as such, with the command that
    imports it (json_bank.py).
    """
    from ..cache import cached
    from .json_bank import is_json_bank, parse_json_bank, refuse_foreign

    data = read_bytes(path)
    if is_json_bank(data):
        return parse_json_bank(data, str(path))
    try:
        return cached(data, str(path), parse_bank, Loaded)
    except BankError:
        refuse_foreign(data, str(path))
        raise


def bank_path(argument: str | None) -> Path:
    """The bank a command works on: the one named, else ./questions.yaml, else the bundled bank."""
    if argument is not None:
        return Path(argument)
    local = Path("questions.yaml")
    return local if is_file(local) else bundled_bank_path()


def bundled_bank_path() -> Path:
    """The Viva Technology 2016 bank shipped in the package.

    A wheel carries it as quizgen/data/questions.yaml; an editable install reads
    the repository's own questions.yaml, the one file that is edited.
    """
    package = Path(__file__).parent.parent
    packaged = package / "data" / "questions.yaml"
    return packaged if is_file(packaged) else package.parent / "questions.yaml"
