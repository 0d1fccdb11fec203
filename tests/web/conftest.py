"""The web quiz in a real headless Chromium: one browser for the session, a fresh profile per visit.

The browser is found by tests/browser.py ($CHROMIUM, the system's chromium, or one
`playwright install` fetched); without one the browser tests are skipped, saying how to get one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from quizgen.bank import load_bank
from quizgen.exports.webquiz import WebOptions, to_webquiz
from quizgen.model import Bank

from ..browser import NO_CHROMIUM, find_chromium

BANK_ORDER = WebOptions(order="bank")


def html_of(bank: Bank, lang: str = "en", options: WebOptions | None = None) -> str:
    page = to_webquiz(bank, lang, options).data
    assert isinstance(page, str)
    return page


def write_bank(folder: Path, text: str, name: str = "bank.yaml") -> Bank:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return load_bank(path).bank


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    chromium_path = find_chromium()
    if chromium_path is None:
        pytest.skip(NO_CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        args = [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ]
        chromium = playwright.chromium.launch(executable_path=str(chromium_path), args=args)
        yield chromium
        chromium.close()


class Visit:
    """A page opened from a file, recording what it requested, its dialogs and its errors."""

    def __init__(self, context: Any, file: Path) -> None:
        self.context = context
        self.page = context.new_page()
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", self.dismiss)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.url = file.as_uri()
        self.page.goto(self.url)

    def dismiss(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def verdict(self) -> str:
        return str(self.page.inner_text(".feedback .verdict")).strip()

    def progress(self) -> str:
        """'Question 2 of 8 · Score: 1 / 8' (the score in practice mode)."""
        return " · ".join(self.page.locator(".progress > span").all_inner_texts())

    def fits(self) -> bool:
        return bool(self.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))

    def clean(self) -> bool:
        """Nothing loaded but the page, no dialog, no error, no injected script ran."""
        pwned = self.page.evaluate("window.__pwned")
        return set(self.requests) == {self.url} and not self.dialogs and not self.errors and pwned is None


Opener = Callable[..., Visit]


@pytest.fixture
def visit(browser: Any, tmp_path: Path) -> Iterator[Opener]:
    """open(bank, lang, width, options, scheme, context): the bank's web quiz in a new page (a new profile unless given)."""
    contexts: list[Any] = []

    def open_page(
        bank: Bank,
        lang: str = "en",
        width: int = 800,
        options: WebOptions | None = BANK_ORDER,
        scheme: str = "light",
        context: Any = None,
        name: str | None = None,
    ) -> Visit:
        file = tmp_path / (name or f"quiz-{len(contexts)}.html")
        file.write_text(html_of(bank, lang, options), encoding="utf-8")
        if context is None:
            context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
            context.set_default_timeout(5000)
            contexts.append(context)
        return Visit(context, file)

    yield open_page
    for context in contexts:
        context.close()
