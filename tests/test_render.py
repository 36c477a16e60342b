"End-to-end renders, checked by probing the files that come out."
import hashlib
import json
from pathlib import Path

import av
import pytest

from videogen.assemble import video_packets
from videogen.core import (Character, Line, Motion, RenderSettings, Scene, Storyboard, Transition, VideoAssemblyError)
from videogen.media import probe
from videogen.rendering import render
from videogen.script import parse_file
from videogen.store import Store

ROOT = Path(__file__).resolve().parents[1]


def tiny(durations=(0.5,), transitions=None, seed=0, talk=False) -> Storyboard:
    "A storyboard of short scenes with two characters (talking, if asked: voices lengthen scenes), one camera move each."
    moves = [Motion(kind=k, intensity=0.6) for k in ("pan", "zoom", "dolly", "tilt", "rotate", "static")]
    transitions = transitions or [Transition()] * len(durations)
    chars = [Character(id="ana", name="Ana"), Character(id="ben", name="Ben")]
    scenes = [Scene(id=f"s{i}", heading=f"INT. KITCHEN - NIGHT", location="KITCHEN", time_of_day="NIGHT", setting="INT",
                    characters=["ana", "ben"], duration=d, seed=seed + i, motion=moves[i % len(moves)], transition=t,
                    lines=[Line(character="ana" if i % 2 else "ben", text="We should go before the last train leaves.")] if talk else [])
              for i, (d, t) in enumerate(zip(durations, transitions))]
    return Storyboard(title="tiny", characters=chars, scenes=scenes)


def frame_hashes(path) -> list[str]:
    "MD5 of every decoded frame."
    with av.open(str(path)) as c:
        return [hashlib.md5(f.to_ndarray(format="rgb24").tobytes()).hexdigest() for f in c.decode(video=0)]


PRESETS = [(res, aspect) for res in ("480p", "720p", "1080p", "2160p") for aspect in ("16:9", "9:16", "1:1", "4:5")]


@pytest.mark.parametrize("res,aspect", PRESETS)
def test_export_presets(tmp_path, res, aspect):
    fps = (24, 25, 30)[PRESETS.index((res, aspect)) % 3]
    rs = RenderSettings(resolution=res, aspect=aspect, fps=fps, quality="draft")
    r = render(tiny((0.4,)), rs, tmp_path / "v.mp4")
    info = probe(r.path)
    v = info["video"]
    assert (v["codec"], v["width"], v["height"], v["pix_fmt"]) == ("h264", *rs.size, "yuv420p")
    assert v["width"] % 2 == 0 and v["height"] % 2 == 0
    assert abs(v["fps"] - fps) < 1e-6 and v["frames"] == round(0.4 * fps)
    assert info["audio"]["codec"] == "aac"
    short = int(res[:-1])
    assert min(v["width"], v["height"]) == short


def test_duration_is_scenes_minus_overlaps(tmp_path):
    kinds = ["fade", "dissolve", "wipe", "slide", "cut", "fade"]
    durs = [1.2, 1.0, 0.9, 1.1, 0.8, 1.0]
    trans = [Transition(kind=k, duration=0.3) for k in kinds]
    sb = tiny(durs, trans)
    r = render(sb, RenderSettings(resolution="480p", fps=25, quality="draft"), tmp_path / "v.mp4", keep_parts=tmp_path / "parts")
    info = probe(r.path)
    # each scene and each transition is the nearest whole number of frames to its length, on its own (so one scene's
    # rounding never moves another's frames); four overlapping transitions: the cut overlaps nothing, the last fade fades out
    frames = sum(round(d * 25) for d in durs) - 4 * round(0.3 * 25)
    assert info["video"]["frames"] == frames
    assert abs(info["video"]["duration"] - frames / 25) <= 1e-3
    assert abs(info["video"]["duration"] - (sum(durs) - 0.3 * 4)) <= (len(durs) + 4) * 0.5 / 25
    assert abs(info["audio"]["duration"] - info["video"]["duration"]) < 0.05
    # the pieces were joined by stream copy: the file's coded pictures are the pieces' own
    pieces = sorted((tmp_path / "parts").glob("[0-9][0-9][0-9][0-9]-*.mp4"))  # linked there in the video's order
    assert len(pieces) == 6 + 4 + 1  # scenes, transitions, the closing fade
    assert video_packets(r.path) == sum((video_packets(p) for p in pieces), [])
    kinds_done = [p["kind"] for p in json.loads(r.manifest.read_text())["pieces"]]
    assert kinds_done.count("transition") == 4 and kinds_done[-1] == "fade_out"


def test_same_seed_same_frames_other_seed_other_images(tmp_path):
    rs = RenderSettings(resolution="480p", quality="draft")
    a = render(tiny((0.5, 0.5)), rs, tmp_path / "a.mp4")
    b = render(tiny((0.5, 0.5)), rs, tmp_path / "b.mp4", store=Store(tmp_path / "other-store"))  # made again, not found stored
    c = render(tiny((0.5, 0.5), seed=7), rs, tmp_path / "c.mp4")
    assert b.ran["segment"] == 2 and not b.reused
    ha, hb, hc = frame_hashes(a.path), frame_hashes(b.path), frame_hashes(c.path)
    assert ha == hb and len(ha) == 24
    assert not set(ha) & set(hc)


def test_script_seed_changes_pictures(tmp_path):
    one = parse_file(ROOT / "examples/lighthouse.txt", settings=RenderSettings(seed=1))
    two = parse_file(ROOT / "examples/lighthouse.txt", settings=RenderSettings(seed=2))
    for sb in (one, two): sb.scenes = [sb.scenes[0].model_copy(update=dict(duration=0.3))]
    rs = RenderSettings(resolution="480p", quality="draft")
    assert frame_hashes(render(one, rs, tmp_path / "1.mp4").path)[0] != frame_hashes(render(two, rs, tmp_path / "2.mp4").path)[0]


def test_webm_is_vp9_and_opus(tmp_path):
    r = render(tiny((0.5,)), RenderSettings(resolution="480p", format="webm", quality="draft"), tmp_path / "v.webm")
    info = probe(r.path)
    assert (info["video"]["codec"], info["audio"]["codec"]) == ("vp9", "opus")
    assert abs(info["duration"] - 0.5) < 0.05


def test_manifest_records_what_made_the_video(tmp_path):
    r = render(tiny((0.5, 0.5)), RenderSettings(resolution="480p", quality="draft"), tmp_path / "v.mp4")
    m = json.loads((tmp_path / "v.json").read_text())
    assert m["output"]["file"] == "v.mp4" and m["output"]["video"]["frames"] == 24
    assert {b["kind"]: b["backend"] for b in m["backends"]} == dict(image="painter", animate="camera", lipsync="envelope", voice="espeak", music="procedural")
    assert m["seeds"]["scenes"] == {"s0": 0, "s1": 1}
    assert m["encoder"]["video"] in ("libx264", "h264_nvenc")
    assert Storyboard.model_validate(m["storyboard"]).scenes[1].motion.kind == "zoom"


def test_fallback_is_loud_and_recorded(tmp_path):
    events = []
    r = render(tiny((0.3,)), RenderSettings(resolution="480p", quality="draft"), tmp_path / "v.mp4",
               backends=dict(image="sdxl-nowhere"), on_event=events.append)
    assert any(e.level == "warning" and "sdxl-nowhere" in e.message for e in events)
    rec = json.loads(r.manifest.read_text())["backends"][0]
    assert rec["backend"] == "painter" and "unknown image backend" in rec["fallback_reason"]


def test_bad_requests_fail_clearly_and_write_nothing(tmp_path):
    with pytest.raises(VideoAssemblyError, match="does not end in .webm"):
        render(tiny(), RenderSettings(format="webm"), tmp_path / "v.mp4")
    with pytest.raises(VideoAssemblyError, match="no scenes"):
        render(Storyboard(), out=tmp_path / "v.mp4")
    with pytest.raises(ValueError, match="fps must be one of"):
        render(tiny(), dict(fps=60), tmp_path / "v.mp4")
    assert list(tmp_path.iterdir()) == []

