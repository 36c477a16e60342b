"The store and jobs under real renders: nothing computed twice, one scene re-rendered, resume after kill -9, two processes, cancel."
import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import av
import pytest
from sqlalchemy import select

from videogen.core import Character, Line, Motion, RenderSettings, Scene, Storyboard, Transition
from videogen.jobs import cancel_job, job_status, job_steps
from videogen.rendering import regenerate, render
from videogen.db import JobRow, StepRow
from videogen.store import Store

ROOT = Path(__file__).resolve().parents[1]
FAST = RenderSettings(resolution="480p", quality="draft")
VIDEOGEN = str(Path(sys.executable).parent / "videogen")


def four_scenes() -> Storyboard:
    "Four talking scenes joined by dissolves."
    chars = [Character(id="ana", name="Ana"), Character(id="ben", name="Ben")]
    scenes = [Scene(id=f"s{i}", heading="INT. KITCHEN - NIGHT", location="KITCHEN", setting="INT", time_of_day="NIGHT",
                    characters=["ana", "ben"], duration=1.0, seed=i, motion=Motion(kind="pan", intensity=0.5),
                    transition=Transition(kind="dissolve", duration=0.25),
                    lines=[Line(character="ana" if i % 2 else "ben", text=f"Line number {i}.")]) for i in range(4)]
    return Storyboard(title="Four", characters=chars, scenes=scenes)


def frames_by_time(path) -> list[tuple[float, str]]:
    "(time, MD5) of every decoded frame."
    with av.open(str(path)) as c:
        return [(float(f.time), hashlib.md5(f.to_ndarray(format="rgb24").tobytes()).hexdigest()) for f in c.decode(video=0)]


def test_second_identical_render_runs_no_step(tmp_path):
    store = Store(tmp_path / "data")
    first = render(four_scenes(), FAST, tmp_path / "a.mp4", store=store)
    # 4 scenes + 3 transitions + closing fade, and the edit's 7 handles (each side of a dissolve, and under the fade);
    # the sound is one mix block and the film's mix over it
    assert first.ran == dict(voice=4, music=1, mix=2, captions=1, segment=15, final=1)
    again = render(four_scenes(), FAST, tmp_path / "b.mp4", store=store)
    assert again.ran == {} and again.reused == first.ran
    assert (tmp_path / "a.mp4").read_bytes() == (tmp_path / "b.mp4").read_bytes()
    assert [s.status for s in job_steps(store, again.job)] == ["cached"] * sum(first.ran.values())


def test_editing_one_scene_reruns_only_its_steps_and_the_join(tmp_path):
    store = Store(tmp_path / "data")
    p = store.create_project("Four", four_scenes().model_copy(update=dict(settings=FAST)))
    before = render(store.storyboard(p.id), out=tmp_path / "four.mp4", store=store, project=p.id)
    old = frames_by_time(before.path)
    after = regenerate(p.id, "s2", store=store, image_prompt="a kitchen lit by a single candle", seed=99)
    assert after.path == (tmp_path / "four.mp4").absolute()
    # scene s2's own piece, the two dissolves that touch it and its two handles, then the join; no voice, music, mix or captions
    assert after.ran == dict(segment=5, final=1), after.ran
    ran = [s for s in job_steps(store, after.job) if s.status == "completed"]
    assert sorted(s.scene for s in ran if s.step == "segment") == ["s1", "s2", "s2", "s2", "s2"]
    new = frames_by_time(after.path)
    assert len(new) == len(old)
    # the frames that changed all lie in the pieces touching s2, and those pieces did change
    pieces = json.loads(after.manifest.read_text())["pieces"]
    starts = [sum(q["frames"] for q in pieces[:i]) for i in range(len(pieces))]
    touching = [(a, a + q["frames"]) for a, q in zip(starts, pieces) if q["scene"] == "s2" or (q["scene"] == "s1" and q["kind"] == "transition")]
    assert len(touching) == 3
    changed = {i for i, (a, b) in enumerate(zip(old, new)) if a[1] != b[1]}
    assert changed and all(any(a <= i < b for a, b in touching) for i in changed)
    assert all(changed & set(range(a, b)) for a, b in touching)
    assert store.storyboard(p.id).scenes[2].seed == 99


def _files(root: Path, pattern: str) -> list[Path]:
    return [p for p in root.rglob(pattern)]


def test_killed_render_resumes_without_repeating_a_step(tmp_path):
    data, out = tmp_path / "data", tmp_path / "killed.mp4"
    cmd = [VIDEOGEN, "render", str(ROOT / "examples/last_train.fountain"), "-o", str(out), "--resolution", "480p",
           "--quality", "draft", "-q", "--data-dir", str(data)]
    proc = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    segments = lambda: [p for p in _files(data / "objects", "*.mp4") if not p.name.startswith(".")]
    deadline = time.time() + 90
    while time.time() < deadline and len(segments()) < 3: time.sleep(0.05)
    assert len(segments()) >= 3, "the render never got going"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not out.exists() and not out.with_suffix(".json").exists()
    done_before = len(segments())
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert out.exists()
    store = Store(data)
    with store.session() as s:
        jobs = list(s.scalars(select(JobRow).order_by(JobRow.id)))
        steps = list(s.scalars(select(StepRow)))
    assert [j.status for j in jobs] == ["failed", "completed"]  # the killed job is marked failed when the next one starts
    completed = Counter(st.key for st in steps if st.status == "completed")
    assert completed and set(completed.values()) == {1}, "a finished step ran twice"
    resumed = [st for st in steps if st.job_id == jobs[1].id]
    assert sum(st.status == "cached" for st in resumed) >= done_before  # the segments the killed run finished
    assert not _files(data, ".*.part*"), "temporary files were left"
    assert not list((data / "work").iterdir())


def test_two_processes_share_one_sqlite_database(tmp_path):
    data = tmp_path / "data"
    procs = [subprocess.Popen([VIDEOGEN, "render", str(ROOT / "examples" / name), "-o", str(tmp_path / f"{name}.mp4"), "--resolution", "480p",
                               "--quality", "draft", "-q", "--data-dir", str(data)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for name in ("coffee_shop.txt", "lighthouse.txt")]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    store = Store(data)
    with store.session() as s:
        assert [j.status for j in s.scalars(select(JobRow))] == ["completed", "completed"]
    assert len(store.list_projects()) == 2


def test_cancel_mid_render_marks_the_job_cancelled_within_two_seconds(tmp_path):
    store = Store(tmp_path / "data")
    sb = four_scenes()
    for s in sb.scenes: s.duration = 6.0
    seen, errors = {}, []
    def watch(e):
        if e.stage == "render" and "job" not in seen: seen["job"] = int(e.job); seen["at"] = time.perf_counter()
    def run():
        try: render(sb, RenderSettings(resolution="720p"), tmp_path / "c.mp4", store=store, on_event=watch)
        except Exception as e: errors.append(e)
    t = threading.Thread(target=run); t.start()
    while "job" not in seen and t.is_alive(): time.sleep(0.01)
    asked = time.perf_counter()
    cancel_job(store, seen["job"])  # as another process would: through the database
    while job_status(store, seen["job"]).status != "cancelled" and time.perf_counter() - asked < 5: time.sleep(0.02)
    waited = time.perf_counter() - asked
    t.join(30)
    assert job_status(store, seen["job"]).status == "cancelled" and waited <= 2.0, waited
    assert errors and "cancelled" in str(errors[0])
    assert not (tmp_path / "c.mp4").exists()


def test_cli_rerender_after_editing_one_scene_of_the_script(tmp_path):
    script = tmp_path / "train.fountain"
    text = (ROOT / "examples/last_train.fountain").read_text()
    script.write_text(text)
    cmd = [VIDEOGEN, "render", str(script), "-o", str(tmp_path / "train.mp4"), "--resolution", "480p", "--quality", "draft", "-q",
           "--data-dir", str(tmp_path / "data")]
    first = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    m1 = json.loads((tmp_path / "train.json").read_text())
    # one word of the second scene's setting changes (the scene keeps its length): that scene is drawn again; the
    # voices, the other scenes and the music are not. (A change of length would also re-run the music, the mix and
    # the captions, which span the whole video.)
    sb = m1["storyboard"]
    assert text.count("a wall of keys") == 1 and "a wall of keys" in sb["scenes"][1]["action"]
    script.write_text(text.replace("a wall of keys", "a wall of maps"))
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    m2 = json.loads((tmp_path / "train.json").read_text())
    edited = sb["scenes"][1]["id"]
    assert set(m2["ran"]) == {"segment", "final"}, m2["ran"]
    changed = {p["scene"] for p, q in zip(m1["pieces"], m2["pieces"]) if p["key"] != q["key"]}
    assert changed <= {edited, sb["scenes"][0]["id"]} and edited in changed  # the scene, and the transition into it
    assert m2["ran"]["segment"] == sum(p["key"] != q["key"] for p, q in zip(m1["pieces"], m2["pieces"]))
    assert len(Store(tmp_path / "data").list_projects()) == 1  # the same project, updated


def test_a_failing_scene_fails_the_job_and_keeps_what_was_finished(tmp_path, monkeypatch):
    from videogen.core import ImageGenerationError
    import videogen.executors
    store = Store(tmp_path / "data")
    draw = videogen.executors.scene_clip
    def clip(spec, ctx):
        if spec["scene"]["id"] == "s2": raise ImageGenerationError("scene s2 could not be drawn", details=dict(scene="s2"))
        return draw(spec, ctx)
    monkeypatch.setattr(videogen.executors, "scene_clip", clip)
    with pytest.raises(ImageGenerationError, match="could not be drawn"):
        render(four_scenes(), FAST, tmp_path / "f.mp4", store=store)
    with store.session() as s: job = s.scalars(select(JobRow)).one()
    assert (job.status, job.error) == ("failed", "scene s2 could not be drawn")
    monkeypatch.setattr(videogen.executors, "scene_clip", draw)
    r = render(four_scenes(), FAST, tmp_path / "f.mp4", store=store)
    assert r.reused["segment"] == 6 and r.ran["segment"] == 9  # s0, s1, the dissolve between them and their handles were kept


def three_talking(second: str, first: str = "Hello.", heading: str = "INT. KITCHEN - NIGHT") -> Storyboard:
    "Three 6-s scenes joined by half-second dissolves; the middle one has two lines, the first spoken inside its dissolve in."
    chars = [Character(id="ana", name="Ana"), Character(id="ben", name="Ben")]
    lines = [[Line(character="ben", text="Evening.")], [Line(character="ana", text=first), Line(character="ben", text=second)],
             [Line(character="ana", text="Night.")]]
    return Storyboard(title="Three", characters=chars, settings=FAST, scenes=[
        Scene(id=f"s{i}", heading=heading if i == 1 else "INT. KITCHEN - NIGHT", characters=["ana", "ben"], duration=6.0, seed=i,
              motion=Motion(kind="zoom", intensity=0.5), transition=Transition(kind="dissolve", duration=0.5), lines=lines[i])
        for i in range(3)])


@pytest.mark.parametrize("edit,same", [
    # a line in the middle: the dissolves and handles at the scene's ends are copied; the score too (the scene lasts as long)
    (dict(second="We should go now, before the rain starts."), dict(segment=4, music=1)),
    # the first line is spoken inside the dissolve in: that dissolve and its handle are drawn again
    (dict(second="We should go.", first="Hello there, my old friend."), dict(segment=2, music=1)),
    # a scene with no place: its lines say where it is, so a new line paints it again and every piece is drawn
    (dict(second="Meet me at the bakery.", heading="LATER"), dict(music=1)),
])
def test_an_edit_remakes_only_what_it_changes(tmp_path, edit, same):
    store = Store(tmp_path / "data")
    before = {**dict(second="We should go.", heading="LATER" if "heading" in edit else "INT. KITCHEN - NIGHT"),
              **({"second": "Meet me at the lighthouse."} if "heading" in edit else {})}
    render(three_talking(**before), out=tmp_path / "a.mp4", store=store)
    after = render(three_talking(**edit), out=tmp_path / "b.mp4", store=store)
    # the edited scene's own piece, both dissolves and both handles run; of those, what they make from the same things is copied
    assert after.ran["segment"] == 5 and after.same == same, (after.ran, after.same)
    fresh = render(three_talking(**edit), out=tmp_path / "c.mp4", store=Store(tmp_path / "fresh"))
    assert fresh.same == {}
    # what was copied is what a render from nothing makes
    assert (tmp_path / "b.mp4").read_bytes() == (tmp_path / "c.mp4").read_bytes()
    manifest = json.loads(after.manifest.read_text())
    assert manifest["same"] == same


def test_a_damaged_record_of_what_a_step_was_made_from_is_set_aside(tmp_path):
    store = Store(tmp_path / "data")
    render(three_talking("We should go."), out=tmp_path / "a.mp4", store=store)
    records = sorted((tmp_path / "data").rglob("*.same"))
    assert records
    for r in records: r.write_text('{"step": "' + "0" * 64 + '"}') # another step's key, the size and digest recorded no longer match
    after = render(three_talking("We should go now, before the rain starts."), out=tmp_path / "b.mp4", store=store)
    assert after.same == {} and after.ran["segment"] == 5
    fresh = render(three_talking("We should go now, before the rain starts."), out=tmp_path / "c.mp4", store=Store(tmp_path / "fresh"))
    assert (tmp_path / "b.mp4").read_bytes() == (tmp_path / "c.mp4").read_bytes()
