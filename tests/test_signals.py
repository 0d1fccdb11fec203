"""SIGTERM, SIGHUP and a killed parent leave no process and no temporary folder behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from make_bank import make_bank  # noqa: E402


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie, dead but not yet reaped, counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition: object, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.01)
    return False


def default_signals() -> None:
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)


def environment(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp_path), "QUIZGEN_NO_CACHE": "1"}


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
def test_the_parallel_readers_children_die_with_a_killed_parent(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import os, time
        from quizgen.bank.parallel import fork_map
        def work(n):
            if n:  # one write of a short line: the two children's lines never interleave
                os.write(1, f"child {os.getpid()}\\n".encode())
            time.sleep(60)
        fork_map(work, [0, 1, 2])
        """
    )
    with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=environment(tmp_path)) as process:
        assert process.stdout is not None
        children = [int(process.stdout.readline().split()[1]) for _ in range(2)]
        assert all(alive(child) for child in children)
        process.kill()
    assert wait_for(lambda: not any(alive(child) for child in children), 30)


def stopped_build(tmp_path: Path, count: int, signum: int) -> tuple[int | None, str]:
    """The exit code of a build of `count` questions given `signum` once its temporary folder is there, and its stderr;
    None when the build was over before the signal could be sent."""
    bank = tmp_path / f"bank-{count}.yaml"
    bank.write_text(make_bank(count), encoding="utf-8")
    work = tmp_path / f"tmp-{count}"
    work.mkdir()
    with (tmp_path / f"stderr-{count}.txt").open("w+", encoding="utf-8") as error:
        process = subprocess.Popen(
            [sys.executable, "-m", "quizgen", "build", str(bank), "--out-dir", str(tmp_path / f"decks-{count}")],
            env=environment(work),
            stdout=subprocess.DEVNULL,
            stderr=error,
            # As from a terminal: a runner that ignores SIGHUP (nohup) passes that on, and quizgen rightly keeps ignoring it.
            preexec_fn=default_signals,
        )
        assert wait_for(lambda: any(work.glob("quizgen-*")) or process.poll() is not None, 120)
        sent = process.poll() is None
        if sent:
            process.send_signal(signum)
        code = process.wait(timeout=120)
        error.seek(0)
        text = error.read()
    assert "Traceback" not in text
    assert list(work.iterdir()) == []
    return (code if sent and code != 0 else None), text


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_build_stopped_by_a_signal_removes_its_temporary_folder(tmp_path: Path, signum: int) -> None:
    # The temporary folder lives while the deck is written; on a fast machine a small build may end before the
    # signal lands, so the bank grows until one is caught in the act.
    for count in (3000, 8000, 20000):
        code, error = stopped_build(tmp_path, count, signum)
        if code is not None:
            assert code == 128 + signum, error
            return
    pytest.fail("every build ended before the signal could stop it")
