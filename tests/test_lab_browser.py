"""The tutorial as a reader runs it: JupyterLab on 127.0.0.1 opens `nbs/tutorials/first_video.ipynb` in Debian's Chromium
(through Playwright), Run > Run All Cells runs it to the end without an error, and the studio it shows renders, and
renders the film, which plays with its captions.

The tutorial is copied into tmp_path, beside a copy of `examples/` (its paths are relative: `../../examples/...`), so
JupyterLab saves nothing in the repository. JupyterLab is kept off the network: no news, no update check, no extension
manager; every request the page makes is recorded, and none may go to another host. The browser's console may show no
error.
"""
import hashlib
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from services import free_port
from test_studio_browser import BROWSER_ARGS, CHROMIUM

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = ROOT / "nbs" / "tutorials" / "first_video.ipynb"
ARTIFACTS = Path(os.environ.get("VIDEOGEN_TEST_ARTIFACTS", ROOT / "test-artifacts"))
playwright = pytest.importorskip("playwright.sync_api")
pytest.importorskip("jupyterlab", reason="JupyterLab is missing: it comes with the notebook extra")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is missing: run scripts/install-chromium.sh (make test does)")

# JupyterLab's settings that would reach the internet from the page: the news feed and its update check, and the
# extension manager (which searches PyPI).
OFFLINE_SETTINGS = {"@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
                    "@jupyterlab/extensionmanager-extension/plugin": {"enabled": False}}


def tutorial_copy(work:Path) -> Path:
    "The tutorial in `work` (Lab saves what it runs), with the examples it reads at the same relative paths."
    nb = json.loads(TUTORIAL.read_text())
    assert any(c["cell_type"] == "code" and "Studio" in "".join(c["source"]) for c in nb["cells"]), "the tutorial opens no studio"
    path = work / TUTORIAL.relative_to(ROOT)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(nb, indent=1))
    shutil.copytree(ROOT / "examples", work / "examples")
    return path


def fingerprint(*folders:Path) -> dict[str, str]:
    "Every file under the folders, with a hash of its bytes."
    return {str(f): hashlib.sha256(f.read_bytes()).hexdigest() for d in folders for f in sorted(d.rglob("*")) if f.is_file()}


@pytest.fixture
def lab(tmp_path, data_dir):
    "JupyterLab on 127.0.0.1 serving a copy of the tutorial, with a token, its home and Jupyter dirs and store in tmp_path, offline."
    port, token = free_port(), secrets.token_hex(16)
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    notebook = tutorial_copy(work)
    for name, values in OFFLINE_SETTINGS.items():
        f = home / "jc" / "lab" / "user-settings" / f"{name}.jupyterlab-settings"
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(json.dumps(values))
    env = dict(os.environ, HOME=str(home), JUPYTER_CONFIG_DIR=str(home / "jc"), JUPYTER_DATA_DIR=str(home / "jd"),
               JUPYTER_RUNTIME_DIR=str(home / "jr"), JUPYTERLAB_SETTINGS_DIR=str(home / "jc" / "lab" / "user-settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"), TMPDIR=str(tmp_path), VIDEOGEN_DATA_DIR=str(data_dir),
               VIDEOGEN_RENDER_RESOLUTION="480p", VIDEOGEN_RENDER_QUALITY="draft", VIDEOGEN_RENDER_FPS="24")
    log = open(tmp_path / "lab.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
                             "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={work}",
                             "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                             "--LabApp.extension_manager=readonly"],
                            cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(url + "api", timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"JupyterLab did not start: {(tmp_path / 'lab.log').read_text()[-2000:]}")
                time.sleep(0.3)
        yield f"{url}lab/tree/{notebook.relative_to(work).as_posix()}?token={token}", notebook
    finally:
        proc.terminate()
        try: proc.wait(15)
        except subprocess.TimeoutExpired: proc.kill()
        log.close()


KERNEL_IDLE = "() => /Python 3.*\\| Idle/.test(document.querySelector('#jp-main-statusbar')?.innerText ?? '')"
PROMPTS = "() => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')].map(e => e.textContent.trim())"


def run_to_the_end(page, timeout:float=200) -> list[str]:
    "The code cells' prompts once the run is over: each numbered when all ran, `[ ]` after a cell that failed stopped it."
    deadline, started = time.monotonic() + timeout, False
    while True:
        page.wait_for_timeout(1000)
        prompts = page.evaluate(PROMPTS)  # `[*]:` while queued or running
        started = started or any(t != "[ ]:" for t in prompts)
        if started and "[*]:" not in prompts: return prompts
        if time.monotonic() > deadline: raise AssertionError(f"The tutorial was still running after {timeout:.0f} s: {prompts}")


@pytest.mark.slow
@pytest.mark.timeout(240)  # about 40 s on two cores (renders at 480p, draft), 90 s when the machine is busy
def test_tutorial_runs_in_jupyterlab(lab):
    url, notebook = lab
    before = fingerprint(TUTORIAL.parent, ROOT / "examples")
    errors, outside = [], []
    def seen(req):
        if not req.url.startswith(("data:", "blob:")) and urlparse(req.url).hostname not in ("127.0.0.1", "localhost"):
            outside.append(req.url)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=BROWSER_ARGS)
        try:
            page = browser.new_page(viewport=dict(width=1400, height=1000))
            page.on("console", lambda m: m.type == "error" and errors.append(f"console: {m.text} at {m.location.get('url', '')[:120]}"))
            page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
            page.on("request", seen)
            page.goto(url, wait_until="domcontentloaded", timeout=120_000)
            page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=120_000)
            # the kernel is up: the status bar names it, idle (the toolbar's indicator says idle before there is a kernel)
            page.wait_for_function(KERNEL_IDLE, timeout=120_000)

            page.locator(".lm-MenuBar-itemLabel", has_text="Run").click()
            page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
            prompts = run_to_the_end(page)
            page.wait_for_selector(".jp-Notebook .videogen-studio", timeout=60_000)
            page.locator(".videogen-studio").scroll_into_view_if_needed()

            # the studio renders the film (what the tutorial rendered is found stored): it plays, with its captions
            render = page.locator("button.videogen-render")
            page.wait_for_function("el => !el.disabled", arg=render.element_handle(), timeout=60_000)  # its stills are painted
            render.click()
            video = page.locator("video.videogen-video")
            try: video.wait_for(state="attached", timeout=120_000)
            except playwright.TimeoutError:  # say where the render stood, not only that the player never came
                said = page.evaluate("() => ['.videogen-stage', '.videogen-message'].map(s => document.querySelector(s)?.textContent)")
                raise AssertionError(f"no video 120 s after Render; the studio says {said}") from None
            page.wait_for_function("el => el.readyState >= 2 && el.textTracks.length && el.textTracks[0].cues?.length > 0",
                                   arg=video.element_handle(), timeout=60_000)
            track = video.evaluate("el => [el.duration, el.querySelector('track').kind, el.textTracks[0].cues.length]")

            # save the copy, to read what each cell left
            saved = notebook.stat().st_mtime_ns
            page.locator(".jp-Notebook").click(position=dict(x=5, y=5))
            page.keyboard.press("Control+s")
            deadline = time.monotonic() + 30
            while notebook.stat().st_mtime_ns == saved and time.monotonic() < deadline: time.sleep(0.2)
        finally:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "tutorial-lab.png"))  # what the reader sees at the end (or where it stopped)
            browser.close()
    assert all(re.fullmatch(r"\[\d+\]:", t) for t in prompts), prompts
    cells = [c for c in json.loads(notebook.read_text())["cells"] if c["cell_type"] == "code"]
    failed = [(c["source"][:60], o.get("ename"), o.get("evalue")) for c in cells for o in c["outputs"] if o["output_type"] == "error"]
    assert not failed, failed
    assert all(c["execution_count"] for c in cells), [c["source"][:60] for c in cells if not c["execution_count"]]
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in cells[-1]["outputs"]), cells[-1]["outputs"]
    assert track[0] > 5 and track[1] == "captions" and track[2] > 0, track
    assert not errors, errors
    assert not outside, f"requests to other hosts: {outside}"
    assert fingerprint(TUTORIAL.parent, ROOT / "examples") == before, "the run changed files in the repository"
