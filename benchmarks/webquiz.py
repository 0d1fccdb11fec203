"""Time the web quiz of a large bank: the export, then the page showing its first question in headless Chromium.

    python benchmarks/webquiz.py                   # 10,000 questions, 5 page loads
    python benchmarks/webquiz.py --count 1000 --runs 3

The target: a 10,000-question bank's page shows its first question in under 1 s.
Each load is a fresh browser profile (nothing saved to resume), timed from the
request for the file to the first question's prompt on screen; the median of
the runs is reported, with the file's size. The reference is the floor any such
page has: the same file with a script that only parses the questions and shows
the first prompt. Loads of the two alternate, so that a busy machine slows both.
"""

from __future__ import annotations

import argparse
import re
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
BARE_SCRIPT = """<script>
const data = JSON.parse(document.getElementById("quiz-data").textContent);
const prompt = document.createElement("h2");
prompt.className = "prompt";
prompt.textContent = data.questions[0].prompt;
document.getElementById("app").replaceChildren(prompt);
</script>"""


def bare_page(page: str) -> str:
    """The page with its policy and script replaced by the least a page must do to show a prompt."""
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    return re.sub(r"<script>.*?</script>", lambda _: BARE_SCRIPT, page, flags=re.DOTALL)


def page_loads(pages: list[Path], runs: int) -> list[list[float]]:
    """For each page, the seconds from its request to its first prompt being visible, one per run."""
    from playwright.sync_api import sync_playwright

    times: list[list[float]] = [[] for _ in pages]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for _ in range(runs):
            for page_file, measured in zip(pages, times, strict=True):
                context = browser.new_context()
                page = context.new_page()
                start = time.perf_counter()
                page.goto(page_file.as_uri(), wait_until="commit")
                page.wait_for_selector(".prompt", state="visible")
                measured.append(time.perf_counter() - start)
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
        bare = Path(folder) / "bare.html"
        bare.write_text(bare_page(page_file.read_text(encoding="utf-8")), encoding="utf-8")
        times, floor = page_loads([page_file, bare], arguments.runs)
        size = page_file.stat().st_size / 1e6
    median, reference = statistics.median(times), statistics.median(floor)
    print(f"{arguments.count} questions: export {export_seconds:.2f} s, page {size:.1f} MB")
    print(f"first question shown: median {median:.3f} s over {len(times)} loads ({', '.join(f'{t:.3f}' for t in times)})")
    print(f"reference (parse the questions, show one prompt): median {reference:.3f} s; ratio {median / reference:.2f}")
    print(f"target: under {TARGET_SECONDS:.1f} s: {'met' if median < TARGET_SECONDS else 'MISSED'}")


if __name__ == "__main__":
    main()
