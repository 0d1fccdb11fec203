"""Time the web quiz of a large bank: the export, then the page showing its first question in headless Chromium.

    python benchmarks/webquiz.py                   # 10,000 questions, 5 page loads
    python benchmarks/webquiz.py --count 1000 --runs 3

The target: a 10,000-question bank's page shows its first question in under 1 s.
Each load is a fresh browser profile (nothing saved to resume), timed from the
request for the file to the first question's prompt on screen; the median of
the runs is reported, with the file's size.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_bank import make_bank  # noqa: E402 - benchmarks/ is not a package

CHROMIUM = "/usr/bin/chromium"
TARGET_SECONDS = 1.0


def page_loads(page_file: Path, runs: int) -> list[float]:
    """Seconds from the request for the page to its first prompt being visible, one per run."""
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for _ in range(runs):
            context = browser.new_context()
            page = context.new_page()
            start = time.perf_counter()
            page.goto(page_file.as_uri(), wait_until="commit")
            page.wait_for_selector(".prompt", state="visible")
            times.append(time.perf_counter() - start)
            context.close()
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        bank = Path(folder) / "bank.yaml"
        bank.write_text(make_bank(arguments.count), encoding="utf-8")
        page_file = Path(folder) / "quiz.html"
        start = time.perf_counter()
        command = [sys.executable, "-m", "quizgen", "export", str(bank), "--format", "html", "-o", str(page_file)]
        subprocess.run(command, check=True, capture_output=True)
        export_seconds = time.perf_counter() - start
        times = page_loads(page_file, arguments.runs)
        size = page_file.stat().st_size / 1e6
    median = statistics.median(times)
    print(f"{arguments.count} questions: export {export_seconds:.2f} s, page {size:.1f} MB")
    print(f"first question shown: median {median:.3f} s over {len(times)} loads ({', '.join(f'{t:.3f}' for t in times)})")
    print(f"target: under {TARGET_SECONDS:.1f} s: {'met' if median < TARGET_SECONDS else 'MISSED'}")


if __name__ == "__main__":
    main()
