"""The studio as a visitor sees it: a real Voila server on 127.0.0.1, driven by Debian's Chromium through Playwright.

`make test` installs Chromium (scripts/install-chromium.sh); the browser is launched headless from /usr/bin/chromium,
never downloaded. Every request the page makes is recorded: none may go to another host.
"""
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("VIDEOGEN_TEST_ARTIFACTS", ROOT / "test-artifacts"))
playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is missing: run scripts/install-chromium.sh (make test does)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def voila(tmp_path, data_dir):
    "A Voila server for dashboards/studio.ipynb on 127.0.0.1, with its home, Jupyter dirs and store in tmp_path."
    port = free_port()
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ, HOME=str(home), JUPYTER_CONFIG_DIR=str(home / "jc"), JUPYTER_DATA_DIR=str(home / "jd"),
               JUPYTER_RUNTIME_DIR=str(home / "jr"), TMPDIR=str(tmp_path), VIDEOGEN_DATA_DIR=str(data_dir),
               VIDEOGEN_RENDER_RESOLUTION="480p", VIDEOGEN_RENDER_QUALITY="draft", VIDEOGEN_RENDER_FPS="24")
    voila = Path(sys.executable).parent / "voila"
    log = open(tmp_path / "voila.log", "w")
    # as the README serves it (the notebook names its offline template), bound to 127.0.0.1
    proc = subprocess.Popen([str(voila), "dashboards/studio.ipynb", "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1"],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(url + "voila/static/", timeout=2)
                break
            except OSError as e:
                if getattr(e, "code", None): break  # the server answered (an HTTP error is an answer)
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"Voila did not start: {(tmp_path / 'voila.log').read_text()[-2000:]}")
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try: proc.wait(10)
        except subprocess.TimeoutExpired: proc.kill()
        log.close()


def test_studio_in_voila_regenerates_and_renders(voila, tmp_path):
    outside, failed = [], []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                          "--disable-component-update", "--disable-sync", "--no-first-run",
                                          "--autoplay-policy=no-user-gesture-required"])
        try:
            page = browser.new_page(viewport=dict(width=1400, height=1000))
            def seen(req):
                host = urlparse(req.url).hostname
                if req.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"): return
                outside.append(req.url)
            page.on("request", seen)
            page.on("requestfailed", lambda req: failed.append(f"{req.url} {req.failure}"))
            page.goto(voila, wait_until="domcontentloaded", timeout=120_000)
            page.wait_for_selector(".videogen-studio", timeout=120_000)

            # the first scene: its still is painted, then a new prompt and Regenerate give another picture
            page.locator(".lm-TabBar-tab", has_text="Scenes").click()
            card = page.locator(".videogen-scene-card").first
            still = card.locator(".videogen-still")
            page.wait_for_function("el => el.src && el.src.startsWith('blob:')", arg=still.element_handle(), timeout=60_000)
            before = still.evaluate("el => el.src")
            card.locator(".videogen-prompt textarea").fill("a lighthouse on a cliff at night, storm")
            card.locator(".videogen-seed input").fill("777")
            card.locator(".videogen-seed input").press("Enter")
            card.locator("button.videogen-regenerate").click()
            page.wait_for_selector(".videogen-scene-done", timeout=120_000)
            page.wait_for_function("([el, b]) => el.src !== b", arg=[still.element_handle(), before], timeout=30_000)

            # render: the bar fills and the player can play the film
            page.locator("button.videogen-render").click()  # (the preview above also ended at "done 100%": wait for the film's message)
            page.wait_for_function("() => (document.querySelector('.videogen-message') || {}).textContent?.includes('steps run')",
                                   timeout=240_000)
            page.wait_for_function("() => (document.querySelector('.videogen-stage') || {}).textContent?.includes('done 100%')",
                                   timeout=30_000)
            bar = page.locator(".videogen-progress .progress-bar").evaluate("el => el.style.width")
            video = page.locator("video.videogen-video")
            video.wait_for(state="attached", timeout=30_000)
            page.wait_for_function("el => el.readyState >= 2 && el.duration > 0", arg=video.element_handle(), timeout=60_000)
            ready, duration = video.evaluate("el => [el.readyState, el.duration]")
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "studio-voila.png"), full_page=True)
            message = page.locator(".videogen-message").inner_text()
        finally:
            browser.close()
    assert bar == "100%", bar
    assert ready >= 2 and duration > 5, (ready, duration)
    assert "steps run" in message, message
    assert not outside, f"requests to other hosts: {outside}"
    assert not [f for f in failed if "127.0.0.1" not in f], failed
    assert (ARTIFACTS / "studio-voila.png").stat().st_size > 10_000
