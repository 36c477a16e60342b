"""The edit for an editor: OUT.otio beside every render, read back with OpenTimelineIO, and its FCPXML and EDL conversions."""
import json
import subprocess
import sys
from pathlib import Path

import opentimelineio as otio
import pytest

from videogen.core import Storyboard
from videogen.media import probe

ROOT = Path(__file__).resolve().parents[1]
VIDEOGEN = str(Path(sys.executable).parent / "videogen")
FAST = ["--resolution", "480p", "--quality", "draft", "-q"]


def videogen(*args):
    r = subprocess.run([VIDEOGEN, *map(str, args)], capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr
    return r


@pytest.fixture(scope="module")
def film(tmp_path_factory):
    "The bundled Fountain example rendered with its edit's media in OUT.parts/."
    d = tmp_path_factory.mktemp("edit")
    videogen("render", ROOT / "examples" / "last_train.fountain", "-o", d / "film.mp4", *FAST, "--data-dir", d / "data")
    return d, json.loads((d / "film.json").read_text())


def test_the_edit_matches_the_video(film):
    d, m = film
    tl = otio.adapters.read_from_file(str(d / "film.otio"))
    info = probe(d / "film.mp4")
    fps = m["settings"]["fps"]
    assert abs(tl.duration().to_seconds() - info["duration"]) <= 1 / fps + 1e-6
    assert abs(tl.duration().to_frames() - info["video"]["frames"]) <= 1
    sb = Storyboard.model_validate(m["storyboard"])
    video = tl.video_tracks()[0]
    clips = video.find_clips()
    assert [c.metadata["videogen"]["scene"] for c in clips] == [s.id for s in sb.scenes]
    assert [c.name for c in clips] == [s.heading for s in sb.scenes]
    assert [mk.name for c in clips for mk in c.markers if "words" not in mk.metadata["videogen"]] == [s.heading for s in sb.scenes]
    assert [mk.name for c in clips for mk in c.markers if "words" in mk.metadata["videogen"]] == [sb.title] # its title on screen
    spoken = [(l.character, l.text) for s in sb.scenes for l in s.lines]
    lines = [c for t in tl.audio_tracks() if t.name.startswith("Dialogue") for c in t.find_clips()]
    assert sorted((c.metadata["videogen"]["character"], c.metadata["videogen"]["text"]) for c in lines) == sorted(spoken)
    assert len(lines) == len(spoken)
    names = {c.id: c.name for c in sb.characters}
    assert all(c.name == names[c.metadata["videogen"]["character"]] for c in lines)
    music = [t for t in tl.audio_tracks() if t.name == "Music"]
    assert len(music) == 1 and abs(music[0].duration().to_seconds() - info["duration"]) <= 1 / fps + 1e-6


def test_its_transitions_are_the_storyboards(film):
    d, m = film
    tl = otio.adapters.read_from_file(str(d / "film.otio"))
    sb = Storyboard.model_validate(m["storyboard"])
    fps = m["settings"]["fps"]
    items = list(tl.video_tracks()[0])
    got = [(items[i - 1].metadata["videogen"]["scene"], t.name) for i, t in enumerate(items) if isinstance(t, otio.schema.Transition)]
    want = [(s.id, s.transition.kind) for s in sb.scenes if s.transition.kind != "cut"]
    assert got == want and want
    for t in (t for t in items if isinstance(t, otio.schema.Transition)):
        kind = otio.schema.TransitionTypes.SMPTE_Dissolve if t.name == "dissolve" else otio.schema.TransitionTypes.Custom
        assert t.transition_type == kind and 0 < t.out_offset.to_frames() <= round(5 * fps)
    if sb.scenes[-1].transition.kind in ("fade", "dissolve"): assert isinstance(items[-1], otio.schema.Gap) # the fade to black


def test_each_scene_has_its_frames_whole_in_the_parts_folder(film):
    d, m = film
    edit = m["edit"]
    assert edit["media"] == "parts"
    for s in edit["scenes"]:
        info = probe(d / s["media"])
        assert info["video"]["frames"] == s["frames"] and (d / s["media"]).parent == d / "film.parts"
    assert all((d / l["media"]).exists() for l in edit["lines"]) and (d / edit["music"]["media"]).exists()
    tl = otio.adapters.read_from_file(str(d / "film.otio"))
    for c in tl.video_tracks()[0].find_clips():
        ref = c.media_reference
        assert ref.target_url.startswith("file://") and Path(ref.target_url[7:]).exists()
        assert c.source_range.start_time.to_frames() == 0 and c.source_range.duration <= ref.available_range.duration


@pytest.mark.parametrize("fmt,adapter", [("fcpxml", "fcpx_xml"), ("edl", "cmx_3600")])
def test_fcpxml_and_edl_read_back(film, fmt, adapter):
    d, m = film
    out = videogen("timeline", d / "film.json", "--format", fmt).stdout.strip()
    back = otio.adapters.read_from_file(out, adapter_name=adapter)
    sb = Storyboard.model_validate(m["storyboard"])
    assert abs(back.duration().to_frames() - m["edit"]["frames"]) <= 1
    names = [c.name for c in back.video_tracks()[0].find_clips()]
    assert names[:len(sb.scenes)] == [s.heading for s in sb.scenes]


def test_final_media_refers_to_the_video(tmp_path):
    script = tmp_path / "two.fountain"
    script.write_text("EXT. PIER - NIGHT\n\nRain on the boards.\n\nDISSOLVE TO:\n\nINT. CAFE - DAY\n\nCups.\n")
    videogen("render", script, "-o", tmp_path / "two.mp4", *FAST, "--timeline", "final", "--data-dir", tmp_path / "data")
    assert not (tmp_path / "two.parts").exists()
    tl = otio.adapters.read_from_file(str(tmp_path / "two.otio"))
    clips = tl.video_tracks()[0].find_clips()
    assert {c.media_reference.target_url for c in clips} == {(tmp_path / "two.mp4").as_uri()}
    assert clips[1].source_range.start_time.to_frames() == clips[0].source_range.duration.to_frames()
    videogen("render", script, "-o", tmp_path / "none.mp4", *FAST, "--timeline", "none", "--data-dir", tmp_path / "data")
    assert not (tmp_path / "none.otio").exists()
    r = subprocess.run([VIDEOGEN, "timeline", tmp_path / "none.json"], capture_output=True, text=True)
    assert r.returncode == 2 and "records no edit" in r.stderr
