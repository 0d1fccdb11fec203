"""Where the browser tests find Chromium: $CHROMIUM, a system Chromium, or one `playwright install` fetched."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

SYSTEM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# `playwright install chromium` puts its build here (PLAYWRIGHT_BROWSERS_PATH moves it).
PLAYWRIGHT_BUILDS = (
    "chromium-*/chrome-linux*/chrome",
    "chromium-*/chrome-mac*/Chromium.app/Contents/MacOS/Chromium",
    "chromium-*/chrome-win*/chrome.exe",
)


def find_chromium() -> Path | None:
    """The first Chromium found, or None: the browser tests then skip, saying how to get one."""
    configured = os.environ.get("CHROMIUM")
    if configured:
        return Path(configured)
    for name in SYSTEM_NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    cache = Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or Path.home() / ".cache" / "ms-playwright")
    for pattern in PLAYWRIGHT_BUILDS:
        builds = sorted(cache.glob(pattern))
        if builds:
            return builds[-1]
    return None


NO_CHROMIUM = "no Chromium found: set $CHROMIUM, install your system's chromium, or run `playwright install chromium`"
