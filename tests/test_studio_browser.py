"""The studio as its visitors see it: a real Voila server on 127.0.0.1, driven by Debian's Chromium through Playwright.

`make test` installs Chromium (scripts/install-chromium.sh); the browser is launched headless from /usr/bin/chromium,
never downloaded. Every request the pages make is recorded: none may go to another host, none may fail, and the
browser's console may show no error, on load or after any action.

Two visitors: the first edits a prompt, regenerates the scene and renders the film; the second, opening the page
after that edit, sees the script's project unedited (each visitor edits a copy of their own), and turns the narrator
on for a script without speech.
"""
import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

from services import server_env, voila_server

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("VIDEOGEN_TEST_ARTIFACTS", ROOT / "test-artifacts"))
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--autoplay-policy=no-user-gesture-required"]
playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is missing: run scripts/install-chromium.sh (make test does)")

# Descriptions, numbers and choices that must show whole: a field too narrow for its value scrolls (scrollWidth > clientWidth).
# A picture's pixels as the page shows them, at 64×36 (an Image widget's src is a new blob URL on every update, even of
# the same bytes, so a changed src alone would not show a changed picture)
PIXELS = """async el => { await el.decode(); const c = document.createElement('canvas'); c.width = 64; c.height = 36;
  const g = c.getContext('2d'); g.drawImage(el, 0, 0, 64, 36); return Array.from(g.getImageData(0, 0, 64, 36).data); }"""
CUT_FIELDS = """() => [...document.querySelectorAll(`.videogen-studio .widget-label, .videogen-studio .widget-readout,
      .videogen-seed input, .videogen-duration input, .videogen-transition-seconds input, .videogen-studio select`)]
    .filter(e => e.offsetParent && e.scrollWidth > e.clientWidth + 1)
    .map(e => `${e.closest('[class*=videogen-]').className.match(/videogen-[\\w-]+/)}: ${e.value ?? e.textContent}`)"""


@pytest.fixture
def voila(tmp_path, data_dir):
    "A Voila server for dashboards/studio.ipynb on 127.0.0.1, with its home, Jupyter dirs and store in tmp_path."
    env = server_env(tmp_path, VIDEOGEN_DATA_DIR=str(data_dir), VIDEOGEN_RENDER_RESOLUTION="480p", VIDEOGEN_RENDER_QUALITY="draft",
                     VIDEOGEN_RENDER_FPS="24")
    # as the README serves it (the notebook names its offline template), bound to 127.0.0.1
    with voila_server(["dashboards/studio.ipynb"], ROOT, env, tmp_path / "voila.log") as (_, url):
        yield url


class Watched:
    "A visitor's page, with what went wrong in it: console errors, page errors, failed requests, requests to other hosts."
    def __init__(self, browser, url:str, name:str):
        self.name, self.errors, self.failed, self.outside = name, [], [], []
        self.context = browser.new_context(viewport=dict(width=1400, height=1000))  # a visitor of their own: cookies, kernel
        self.page = page = self.context.new_page()
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text} at {m.location.get('url', '')[:120]}"))
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.on("requestfailed", self.failure)
        page.on("request", self.seen)
        page.goto(url, wait_until="domcontentloaded", timeout=120_000)
        page.wait_for_selector(".videogen-studio", timeout=120_000)

    def failure(self, req):
        # A media element that has read what it preloads (a clip's first frames, a line's header) stops its request:
        # Chromium reports that as ERR_ABORTED on a `media` request. The console shows nothing and the player plays.
        if not (req.resource_type == "media" and req.failure == "net::ERR_ABORTED"): self.failed.append(f"{req.url[:120]} {req.failure}")

    def seen(self, req):
        host = urlparse(req.url).hostname
        if not req.url.startswith(("data:", "blob:")) and host not in ("127.0.0.1", "localhost"): self.outside.append(req.url)

    def tab(self, name:str):
        self.page.locator(".lm-TabBar-tab", has_text=name).click()

    def first_card(self):
        "The first scene card, once its still is painted."
        self.tab("Scenes")
        card = self.page.locator(".videogen-scene-card").first
        still = card.locator(".videogen-still")
        still.wait_for(state="attached", timeout=60_000)
        self.page.wait_for_function("el => el.src && el.src.startsWith('blob:')", arg=still.element_handle(), timeout=60_000)
        return card, still

    def message(self) -> str:
        return self.page.locator(".videogen-message").inner_text()

    def problems(self) -> list[str]:
        return [f"{self.name}: {p}" for p in self.errors + [f"request failed: {f}" for f in self.failed] +
                [f"request to another host: {u}" for u in self.outside]]


@pytest.mark.slow
@pytest.mark.timeout(240)  # about 30 s on two cores (renders at 480p, draft), 60 s when the machine is busy
def test_studio_in_voila_two_visitors(voila, data_dir, tmp_path):
    edit = "a lighthouse on a cliff at night, storm"
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=BROWSER_ARGS)
        try:
            one = Watched(browser, voila, "first visitor")
            card, still = one.first_card()
            loaded = one.problems()  # on load: nothing may have gone wrong yet

            # the fields show whole; a voice the backend chooses reads "automatic"
            cut = []
            for tab in ("Scenes", "Characters", "Settings"):
                one.tab(tab)
                cut += one.page.evaluate(CUT_FIELDS)
            voices = one.page.evaluate("() => [...document.querySelectorAll('.videogen-voice select')].map(s => s.selectedOptions[0]?.text)")

            # a new prompt alone (the seed as it was) and Regenerate give another picture
            one.tab("Scenes")
            prompt = card.locator(".videogen-prompt textarea")
            original, seed = prompt.input_value(), card.locator(".videogen-seed input").input_value()
            before, pixels_before = still.evaluate("el => el.src"), still.evaluate(PIXELS)
            prompt.fill(edit)
            card.locator("button.videogen-regenerate").click()
            one.page.wait_for_selector(".videogen-scene-done", timeout=120_000)
            one.page.wait_for_function("([el, b]) => el.src !== b", arg=[still.element_handle(), before], timeout=30_000)
            assert prompt.input_value() == edit  # still changed after the preview
            seed_after, pixels_after = card.locator(".videogen-seed input").input_value(), still.evaluate(PIXELS)

            # a second visitor, after that edit: their own copy of the script's project, unedited
            two = Watched(browser, voila, "second visitor")
            card2, _ = two.first_card()
            seen_by_two = card2.locator(".videogen-prompt textarea").input_value()

            # the first visitor renders: the bar fills and the player plays the film, with its captions
            one.page.locator("button.videogen-render").click()
            one.page.wait_for_function("() => document.querySelector('.videogen-message')?.textContent.includes('steps run')",
                                       timeout=180_000)
            one.page.wait_for_function("() => document.querySelector('.videogen-stage')?.textContent.includes('done 100%')",
                                       timeout=30_000)
            bar = one.page.locator(".videogen-progress .progress-bar").evaluate("el => el.style.width")
            video = one.page.locator("video.videogen-video")
            video.wait_for(state="attached", timeout=30_000)
            one.page.wait_for_function("el => el.readyState >= 2 && el.duration > 0", arg=video.element_handle(), timeout=60_000)
            ready, duration = video.evaluate("el => [el.readyState, el.duration]")
            one.page.wait_for_function("el => el.textTracks.length && el.textTracks[0].cues?.length > 0", arg=video.element_handle(),
                                       timeout=30_000)
            track = video.evaluate("el => [el.querySelector('track').kind, el.textTracks[0].mode, el.textTracks[0].cues.length]")
            film = Path(one.page.locator(".videogen-links a").first.get_attribute("title"))
            rendered = one.message()

            # hearing a voice starts by clearing the render's message
            one.tab("Characters")
            one.page.locator("button.videogen-hear").first.click()
            one.page.wait_for_selector(".videogen-voice-audio", state="attached", timeout=60_000)
            after_hear = one.message()

            # a script without speech: the second visitor is offered the narrator, and one click turns it on
            two.tab("Script")
            two.page.locator(".videogen-script textarea").fill(
                "The lighthouse keeper climbed the stairs at dusk.\n\nThe lamp turned, and far out a ship answered with its horn.\n")
            two.page.locator("button.videogen-parse").click()
            offer = two.page.locator(".videogen-narrator-offer")
            offer.wait_for(state="visible", timeout=60_000)
            offered = offer.inner_text()
            two.page.locator("button.videogen-use-narrator").click()
            offer.wait_for(state="hidden", timeout=30_000)
            two.tab("Settings")
            narrator_on = two.page.locator(".videogen-setting-narrator input").is_checked()
            two.page.wait_for_function("() => !document.querySelector('button.videogen-parse').disabled", timeout=60_000)  # stills painted

            # a screenplay's PDF opened from the visitor's own machine: its Fountain in the editor, its six scenes parsed
            import io
            from screenplain.export.pdf import to_pdf
            from screenplain.parsers import fountain
            pdf = tmp_path / "The Last Train.pdf"
            with open(pdf, "wb") as f: to_pdf(fountain.parse(io.StringIO((ROOT / "examples" / "last_train.fountain").read_text())), f)
            two.tab("Script")
            with two.page.expect_file_chooser() as chooser: # the upload button opens the browser's own file picker
                two.page.locator(".videogen-upload").click()
            chooser.value.set_files(str(pdf))
            two.page.wait_for_function("() => document.querySelectorAll('.videogen-scene-card').length === 6", timeout=60_000)
            opened = two.page.locator(".videogen-script textarea").input_value()
            two.page.wait_for_function("() => !document.querySelector('button.videogen-parse').disabled", timeout=60_000)

            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            one.tab("Scenes")
            one.page.screenshot(path=str(ARTIFACTS / "studio-voila.png"), full_page=True)
            problems = one.problems() + two.problems()
        finally:
            browser.close()
    assert not loaded, loaded
    assert not problems, problems
    assert not cut, f"fields too narrow for what they show: {cut}"
    assert voices and set(voices) == {"automatic"}, voices
    assert original != edit and seen_by_two == original, (original, seen_by_two)
    changed = sum(abs(a - b) for a, b in zip(pixels_before, pixels_after)) / len(pixels_after)
    assert seed_after == seed and changed > 6, (seed, seed_after, changed)  # the words alone changed the picture
    assert bar == "100%", bar
    assert ready >= 2 and duration > 5, (ready, duration)
    assert track[:2] == ["captions", "showing"] and track[2] > 0, track
    assert "steps run" in rendered, rendered
    assert after_hear == "", after_hear
    assert "no spoken lines" in offered and narrator_on, (offered, narrator_on)
    assert opened.startswith("Title: The Last Train") and "EXT. COUNTRY STATION - NIGHT" in opened, opened[:300]
    # the first visitor's film is in a folder of its own; the second visitor's folder holds no film
    folders = sorted(p for p in (data_dir / "studio").iterdir())
    assert film.exists() and film.parent in folders and len(folders) == 2, (film, folders)
    assert [f for f in folders if f != film.parent and list(f.rglob("*.mp4"))] == []
    assert not (data_dir / "renders").exists()
    # and the store holds two copies: only the first visitor's has the edit, and neither is the script's project
    from videogen.store import Store
    store = Store(data_dir)
    prompts = [store.storyboard(row.id).scenes[0].image_prompt for row in store.list_projects()]
    assert len(prompts) == 2 and prompts.count(edit) == 1, prompts
    assert store.find_project(ROOT / "examples" / "coffee_shop.txt") is None
    assert (ARTIFACTS / "studio-voila.png").stat().st_size > 10_000
