"""The try-it page in headless Chromium: token once, paste, analyse, see the highlights.

Uses the system's Chromium (Debian's `chromium` package) through Playwright's driver;
no browser is ever downloaded. Without Chromium the test skips, except under CI (the CI
variable set), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from summarizer import analyze, render_html

from .service_helpers import TOKEN, running, settings

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _need_chromium() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (.ci/run installs it)")
        pytest.skip("chromium is not installed")


def test_paste_to_highlighted_result(tmp_path: Path, example_text: str) -> None:
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with running(settings(tmp_path)) as url, sync_playwright() as p:
        # A fresh profile directory per run.
        browser = p.chromium.launch_persistent_context(
            tmp_path / "profile", executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page()
            outside: list[str] = []
            page.on(
                "request",
                lambda r: (
                    None if r.url.startswith((url, "about:", "data:")) else outside.append(r.url)
                ),
            )
            page.goto(url + "/")

            # A wrong token shows the API's message, and nothing else happens.
            page.fill("#token", "wrong-token")
            page.fill("#text", example_text)
            page.click("#go")
            page.wait_for_selector("#status.error")
            assert "token" in page.inner_text("#status")

            page.fill("#token", TOKEN)
            page.dispatch_event("#token", "change")
            page.select_option("#engine", "offline")
            page.click("#go")
            page.wait_for_selector("#report:not([hidden])")
            report = page.frame_locator("#report")
            marks = report.locator("mark.hl")
            marks.first.wait_for()
            assert marks.count() >= 10
            assert "Elena Ortiz" in report.locator("nav.legend").inner_text()
            assert report.locator("h1").inner_text().startswith("Harbor Council")
            assert "Stances" in report.locator("body").inner_text()

            # Entered once: a reload keeps the token.
            page.reload()
            assert page.input_value("#token") == TOKEN
            page.fill("#text", "Ann Lee said: “The page works.”")
            page.click("#go")
            page.wait_for_function("document.getElementById('status').textContent === 'Done.'")
            assert outside == []
        finally:
            browser.close()


def test_report_script_runs_and_an_error_replaces_the_report(tmp_path: Path) -> None:
    _need_chromium()
    from playwright.sync_api import sync_playwright

    # No model endpoint: the llm engine is unavailable, which is the error asked for below.
    with running(settings(tmp_path)) as url, sync_playwright() as p:
        browser = p.chromium.launch_persistent_context(
            tmp_path / "profile", executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page()
            console: list[str] = []
            page.on("console", lambda message: console.append(message.text))
            page.goto(url + "/")
            page.fill("#token", TOKEN)
            page.fill("#text", "Ann Lee said: “The page works.”")
            page.select_option("#engine", "offline")
            page.click("#go")
            page.wait_for_selector("#report:not([hidden])")

            # The report's own script runs inside the page's frame, under both policies:
            # Escape hides the tooltips by a class it sets on the body.
            report = page.frame_locator("#report")
            report.locator("mark.hl").first.press("Escape")
            assert "notips" in (report.locator("body").get_attribute("class") or "")
            assert not [m for m in console if "Content Security Policy" in m], console

            # So does the script of a report saved by `summarizer analyze --format html`,
            # under the policy its <meta> states.
            text = 'Ann Lee said: "The page works."\n'
            saved = tmp_path / "report.html"
            saved.write_text(render_html(analyze(text, engine="offline"), text), "utf-8")
            standalone = browser.new_page()
            standalone.on("console", lambda message: console.append(message.text))
            standalone.goto(saved.as_uri())
            standalone.locator("mark.hl").first.press("Escape")
            assert "notips" in (standalone.locator("body").get_attribute("class") or "")
            assert not [m for m in console if "Content Security Policy" in m], console
            standalone.close()

            page.select_option("#engine", "llm")
            page.click("#go")
            page.wait_for_selector("#status.error")
            message = page.inner_text("#status")
            # Advice about the page's controls, not the CLI's flags.
            assert "offline" in message and "Engine" in message
            assert "--" not in message, message
            # The previous report is gone, not left under the error.
            assert page.is_hidden("#report")
            assert page.get_attribute("#report", "srcdoc") is None
        finally:
            browser.close()
