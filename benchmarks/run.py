"""Time quizgen's commands on banks of 1,000 to 100,000 questions, against bare reference scripts.

    python benchmarks/run.py                     # all sizes, 5 runs each (3 at 100,000)
    python benchmarks/run.py --sizes 1000 10000 --runs 3

Every measurement is a whole process: the median wall time of several runs and
the largest peak memory (maximum resident set) among them. The reference points
run in the same session, so the ratios hold even where absolute times on a
noisy machine do not. Results end with the targets of the performance issue,
each as a ratio.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_bank import make_bank  # noqa: E402 - benchmarks/ is not a package

BUNDLED_BANK = HERE.parent / "questions.yaml"

BARE_C_LOAD = """
import sys, yaml
with open(sys.argv[1], encoding="utf-8") as f:
    yaml.load(f, Loader=yaml.CSafeLoader)
"""
BARE_C_LOAD_GC_PAUSED = """
import gc, sys, yaml
gc.disable()
with open(sys.argv[1], encoding="utf-8") as f:
    yaml.load(f, Loader=yaml.CSafeLoader)
"""
BARE_SAFE_LOAD = """
import sys, yaml
with open(sys.argv[1], encoding="utf-8") as f:
    yaml.safe_load(f)
"""


@dataclass(frozen=True)
class Measure:
    """The median wall time and the largest peak memory of several runs of one command."""

    seconds: float
    peak_mb: float

    def __str__(self) -> str:
        return f"{self.seconds:8.3f} s {self.peak_mb:8.0f} MB"


def run_once(command: Sequence[str], env: dict[str, str], stdin: bytes = b"") -> tuple[float, float]:
    """Wall time and peak memory of one process; os.wait4 gives the memory of that child alone."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stdin is not None
    assert process.stderr is not None
    process.stdin.write(stdin)
    process.stdin.close()
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{errors.decode(errors='replace')}")
    return elapsed, usage.ru_maxrss / 1024


def measure(command: Sequence[str], env: dict[str, str], runs: int) -> Measure:
    return measure_together({"": command}, env, runs)[""]


def measure_together(commands: dict[str, Sequence[str]], env: dict[str, str], runs: int) -> dict[str, Measure]:
    """Run the commands in turn, round after round, so that a target and its reference point see the same
    machine: on a shared machine the speed drifts between one minute and the next."""
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            results[name].append(run_once(command, env))
    return {
        name: Measure(statistics.median(seconds for seconds, _ in runs_of), max(peak for _, peak in runs_of))
        for name, runs_of in results.items()
    }


def time_to_first_question(command: Sequence[str], env: dict[str, str], runs: int) -> Measure:
    """From start to the first question's line on the quiz's (piped, plain) output."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        assert process.stdout is not None
        assert process.stdin is not None
        for line in process.stdout:
            if line.startswith(b"Question 1/"):
                break
        times.append(time.perf_counter() - started)
        process.stdin.close()
        process.stdout.read()
        process.wait()
    return Measure(statistics.median(times), 0.0)


def quizgen_command() -> list[str]:
    """The installed console script, as a user runs it (python -m adds runpy's own start-up)."""
    script = shutil.which("quizgen", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "quizgen"]


def environment(cache: Path | None, data: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("QUIZGEN_NO_CACHE", "QUIZGEN_CACHE_DIR")}
    env.update({"QUIZGEN_DATA_DIR": str(data), "NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1700000000"})
    if cache is None:
        env["QUIZGEN_NO_CACHE"] = "1"
    else:
        env["QUIZGEN_CACHE_DIR"] = str(cache)
    return env


def bench_size(count: int, runs: int, work: Path) -> dict[str, Measure]:
    bank = work / f"bank-{count}.yaml"
    bank.write_text(make_bank(count), encoding="utf-8")
    cold = environment(None, work / "data")
    cache = work / f"cache-{count}"
    warm = environment(cache, work / "data")
    quizgen = quizgen_command()
    python = [sys.executable, "-c"]
    results: dict[str, Measure] = {}

    def record(name: str, value: Measure) -> None:
        results[name] = value
        print(f"  {name:<34}{value}", flush=True)

    print(f"{count:,} questions ({bank.stat().st_size / 1e6:.1f} MB)")
    loads = {
        "bare yaml.load (CSafeLoader)": [*python, BARE_C_LOAD, str(bank)],
        "bare CSafeLoader, GC paused": [*python, BARE_C_LOAD_GC_PAUSED, str(bank)],
        "quizgen check (first run)": [*quizgen, "check", str(bank)],
    }
    for name, value in measure_together(loads, cold, runs).items():
        record(name, value)
    record("check, every process's peak", memory_of_every_process(bank, cold))
    if count <= 10_000:  # the pure-Python loader takes minutes at 100,000: it is the naive baseline only
        record("bare yaml.safe_load", measure([*python, BARE_SAFE_LOAD, str(bank)], cold, max(1, runs // 2)))
    decks = {
        "bare genanki script": [sys.executable, str(HERE / "bare_genanki.py"), str(bank), str(work / "bare.apkg")],
        "quizgen anki (first run)": [*quizgen, "anki", str(bank), "-o", str(work / "deck.apkg")],
    }
    for name, value in measure_together(decks, cold, runs).items():
        record(name, value)
    run_once([*quizgen, "check", str(bank)], warm)  # fills the cache
    record("quizgen check (cached)", measure([*quizgen, "check", str(bank)], warm, runs))
    record("load from cache, in process", load_in_process(bank, warm, runs))
    record("quizgen anki (cached)", measure([*quizgen, "anki", str(bank), "-o", str(work / "deck.apkg")], warm, runs))
    handout = [*quizgen, "handout", str(bank), "--versions", "30", "--count", "50", "-o", str(work / "handout.pdf")]
    record("quizgen handout 30x50 pdf (cached)", measure(handout, warm, runs))
    record(
        "quizgen export gift (cached)", measure([*quizgen, "export", str(bank), "--format", "gift", "-o", str(work / "b.gift")], warm, runs)
    )
    record("quiz: first question (cached)", time_to_first_question([*quizgen, "quiz", str(bank), "--seed", "1"], warm, runs))
    return results


def load_in_process(bank: Path, env: dict[str, str], runs: int) -> Measure:
    """How long load_bank takes once the cache holds the bank, without the interpreter's start-up."""
    script = (
        "import sys, time\nfrom pathlib import Path\nfrom quizgen.bank import load_bank\n"
        "started = time.perf_counter()\nload_bank(Path(sys.argv[1]))\nprint(time.perf_counter() - started)\n"
    )
    times = [
        float(subprocess.run([sys.executable, "-c", script, str(bank)], env=env, capture_output=True, text=True, check=True).stdout)
        for _ in range(runs)
    ]
    return Measure(statistics.median(times), 0.0)


def memory_of_every_process(bank: Path, env: dict[str, str]) -> Measure:
    """check's peak memory counting its helper processes too: its own peak plus each helper's at most.

    os.wait4 in run_once reports the largest of the processes, not their sum, and a
    large bank is read by one process per core.
    """
    script = (
        "import resource, sys\nfrom pathlib import Path\nfrom quizgen.check import check_bank\n"
        "from quizgen.bank.parallel import default_jobs\n"
        "check_bank(Path(sys.argv[1]))\n"
        "own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "largest_helper = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(own + (default_jobs(Path(sys.argv[1]).stat().st_size) - 1) * largest_helper)\n"
    )
    started = time.perf_counter()
    output = subprocess.run([sys.executable, "-c", script, str(bank)], env=env, capture_output=True, text=True, check=True).stdout
    return Measure(time.perf_counter() - started, int(output) / 1024)


def bench_start_up(runs: int, work: Path) -> dict[str, Measure]:
    env = environment(work / "cache-bundled", work / "data")
    quizgen = quizgen_command()
    results = measure_together(
        {"python -c 'import click'": [sys.executable, "-c", "import click"], "quizgen --help": [*quizgen, "--help"]}, env, runs * 6
    )
    run_once([*quizgen, "check", str(BUNDLED_BANK)], env)
    results["quiz on the bundled bank: first question"] = time_to_first_question([*quizgen, "quiz", str(BUNDLED_BANK)], env, runs * 2)
    print("start-up")
    for name, value in results.items():
        print(f"  {name:<34}{value}")
    return results


def targets(sizes: dict[int, dict[str, Measure]], start: dict[str, Measure]) -> list[tuple[str, str, bool]]:
    """Each target of the performance issue: what was measured, as a ratio, and whether it is met."""
    rows = []

    def ratio(name: str, value: float, limit: float, unit: str = "x") -> None:
        rows.append((name, f"{value:.2f}{unit} (limit {limit}{unit})", value <= limit))

    if 10_000 in sizes:
        ten = sizes[10_000]
        ratio("check 10k / bare C-loader load", ten["quizgen check (first run)"].seconds / ten["bare yaml.load (CSafeLoader)"].seconds, 1.5)
        ratio("check 10k, seconds", ten["quizgen check (first run)"].seconds, 1.0, " s")
        ratio("load 10k from cache, seconds", ten["load from cache, in process"].seconds, 0.2, " s")
        ratio("anki 10k / bare genanki script", ten["quizgen anki (first run)"].seconds / ten["bare genanki script"].seconds, 1.3)
        ratio("handout 30x50 pdf, seconds", ten["quizgen handout 30x50 pdf (cached)"].seconds, 1.5, " s")
    if 100_000 in sizes:
        hundred = sizes[100_000]
        ratio("check 100k, seconds", hundred["quizgen check (first run)"].seconds, 12.0, " s")
        ratio("check 100k, peak memory in GB", hundred["quizgen check (first run)"].peak_mb / 1024, 1.0, " GB")
        ratio("check 100k, every process's peak, in GB", hundred["check, every process's peak"].peak_mb / 1024, 1.0, " GB")
        if 10_000 in sizes:
            for name in ("quizgen check (first run)", "quizgen anki (first run)", "quizgen export gift (cached)"):
                ratio(f"{name}: 100k / 10k", hundred[name].seconds / sizes[10_000][name].seconds, 12.0)
    ratio("quizgen --help / import click", start["quizgen --help"].seconds / start["python -c 'import click'"].seconds, 1.5)
    ratio("quiz first question (bundled bank), seconds", start["quiz on the bundled bank: first question"].seconds, 0.3, " s")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (3 at most at 100,000 questions)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="quizgen-bench-") as folder:
        work = Path(folder)
        start = bench_start_up(arguments.runs, work)
        sizes = {
            count: bench_size(count, min(arguments.runs, 3) if count >= 100_000 else arguments.runs, work) for count in arguments.sizes
        }
    print("\ntargets")
    for name, value, met in targets(sizes, start):
        print(f"  {'met ' if met else 'MISS'} {name:<48}{value}")


if __name__ == "__main__":
    main()
