"""Time `quizgen handout` (30 versions of 50 questions, PDF) against typst compiling the same documents.

    python benchmarks/handout.py                 # 5 rounds
    python benchmarks/handout.py --runs 9 --questions 300

The target (the handout issue): the whole handout, the students' file and the
key, in at most twice the time typst itself takes to compile those two
documents. Both are measured in the same run, round after round, so that a busy
machine slows both alike; the medians are compared.

- "typst alone": `typst.compile` of the two documents, from their data ready-made;
- "quizgen, in process": `write_handout`, from the bank file (its cache warm) to the two files written;
- "quizgen handout": the command as a user runs it, in a new process (Python's start-up and imports included).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_bank import make_bank  # noqa: E402 - benchmarks/ is not a package

VERSIONS = 30
QUESTIONS = 50
LIMIT = 2.0
"""quizgen's time over typst's, at most."""


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="rounds (the median of each is kept)")
    parser.add_argument("--questions", type=int, default=200, help="questions in the synthetic bank the 50 are drawn from")
    arguments = parser.parse_args()

    import typst

    from quizgen.bank import load_bank
    from quizgen.handouts import HandoutOptions, make_handout, write_handout
    from quizgen.handouts.pdf import TEMPLATE, document_json

    with tempfile.TemporaryDirectory(prefix="quizgen-handout-bench-") as folder:
        work = Path(folder)
        os.environ.update({"QUIZGEN_CACHE_DIR": str(work / "cache"), "SOURCE_DATE_EPOCH": "1700000000"})
        bank_file = work / "bank.yaml"
        bank_file.write_text(make_bank(arguments.questions), encoding="utf-8")
        options = HandoutOptions(versions=VERSIONS, count=QUESTIONS)
        written = write_handout(bank_file, options, str(work / "class.pdf"))  # warms the bank's cache, and gives the documents
        handout = make_handout(load_bank(bank_file).bank, versions=VERSIONS, count=QUESTIONS)
        documents = [document_json(handout, file.contents, "a4", True, True) for file in written.files]
        template = TEMPLATE.read_bytes()
        size = sum(len(file.data) for file in written.files)

        def typst_alone() -> None:
            for data in documents:
                typst.compile(template, format="pdf", sys_inputs={"data": data}, ignore_system_fonts=True, timestamp=1_700_000_000)

        def in_process() -> None:
            write_handout(bank_file, options, str(work / "class.pdf"))

        command = [sys.executable, "-m", "quizgen", "handout", str(bank_file), "--versions", str(VERSIONS), "--count", str(QUESTIONS)]
        command += ["-o", str(work / "command.pdf")]

        def whole_command() -> None:
            subprocess.run(command, check=True, capture_output=True, env=os.environ)

        rounds: dict[str, list[float]] = {"typst alone": [], "quizgen, in process": [], "quizgen handout": []}
        for _ in range(arguments.runs):
            for name, action in zip(rounds, (typst_alone, in_process, whole_command), strict=True):
                rounds[name].append(timed(action))

    medians = {name: statistics.median(times) for name, times in rounds.items()}
    print(f"{VERSIONS} versions x {QUESTIONS} questions, PDF (students' file and key, {size / 1e6:.1f} MB), {arguments.runs} rounds")
    for name, seconds in medians.items():
        print(f"  {name:<22}{seconds:7.3f} s   (runs: {', '.join(f'{value:.2f}' for value in rounds[name])})")
    base = medians["typst alone"]
    for name in ("quizgen, in process", "quizgen handout"):
        ratio = medians[name] / base
        print(f"  {'met ' if ratio <= LIMIT else 'MISS'} {name} / typst alone: {ratio:.2f}x (limit {LIMIT}x)")


if __name__ == "__main__":
    main()
