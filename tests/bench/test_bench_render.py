"""Render speed and memory: a 10-scene, about one-minute script at 1080p30 with the default backends.

Measured in the same run:
  (a) the full render (`videogen.render`, in its own process);
  (b) the limit: ffmpeg alone re-encoding (a)'s frames with the same encoder settings;
  (c) the peer: a MoviePy 2 program (moviepy_peer.py, in its own virtual environment) making the same kind of
      video from the same stills, with a zoom, crossfades and the same audio.
Prints a/b, c/a and peak memory; then renders the same script 10x longer (at 480p, to keep the run short) to show
that memory does not grow with length. A second benchmark times re-renders against the store: unchanged, and after
editing one scene, each as a fraction of the full render. Run with `make bench`.
"""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from videogen.assemble import X264
from videogen.core import RenderSettings, Storyboard, Transition
from videogen.image import paint
from videogen.media import ffmpeg_exe
from videogen.script import parse_script

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
PEER_PY = Path(os.environ.get("VIDEOGEN_PEER_PYTHON", ROOT / ".venv-peer" / "bin" / "python"))

PLACES = ["EXT. CITY STREET - NIGHT", "INT. KITCHEN - MORNING", "EXT. FOREST - DAY", "INT. BAR - NIGHT", "EXT. BEACH - SUNSET",
          "INT. OFFICE - DAY", "INT. TRAIN CARRIAGE - DUSK", "EXT. MOUNTAIN PASS - DAY", "INT. LIBRARY - EVENING", "EXT. HARBOR - DAWN"]
PEOPLE = ["ANNA", "BRUNO", "CLEO", "DEV"]


def script(scenes: int) -> str:
    "A Fountain script of `scenes` scenes, two people talking in each."
    out = ["Title: Bench\n\n"]
    for i in range(scenes):
        a, b = PEOPLE[i % 4], PEOPLE[(i + 1) % 4]
        out.append(f"{PLACES[i % len(PLACES)]}\n\n{a.title()} waits while {b.title()} arrives.\n\n"
                   f"{a}\nWe have to leave before the light goes.\n\n{b}\nThen we leave now.\n\nDISSOLVE TO:\n\n")
    return "".join(out)


def storyboard(scenes: int) -> Storyboard:
    "The bench storyboard: 6.4 s scenes with half-second dissolves, a zoom or a pan each."
    sb = parse_script(script(scenes), "fountain")
    for i, s in enumerate(sb.scenes):
        s.duration = 6.4
        s.transition = Transition(kind="dissolve", duration=0.5) if i < len(sb.scenes) - 1 else Transition()
    return sb


def run_render(sb: Storyboard, out: Path, settings: dict) -> dict:
    "Render in a fresh process; wall time and that process's peak RSS."
    job = out.with_suffix(".storyboard.json")
    job.write_text(sb.to_json())
    # VmHWM is this process's own peak RSS (ru_maxrss would carry over the parent's peak through fork and exec)
    code = ("import json, re, sys, time; from videogen.core import Storyboard; from videogen.rendering import render\n"
            "sb = Storyboard.from_json(open(sys.argv[1]).read()); t = time.perf_counter()\n"
            "r = render(sb, json.loads(sys.argv[3]), sys.argv[2])\n"
            "hwm = int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))\n"
            "print(json.dumps(dict(seconds=time.perf_counter() - t, duration=r.duration, frames=r.frames, rss_mb=hwm / 1024, ran=r.ran, stages=r.seconds)))")
    r = subprocess.run([sys.executable, "-c", code, str(job), str(out), json.dumps(settings)], capture_output=True, text=True, check=True)
    return json.loads(r.stdout.strip().splitlines()[-1])


def timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - t


@pytest.mark.skipif(not PEER_PY.exists(), reason="the MoviePy peer's environment is missing: run `make bench`")
def test_render_speed_and_memory(tmp_path):
    sb = storyboard(10)
    # no edit's media (timeline = none): the render draws exactly the video's frames, the ones the references encode
    settings = dict(resolution="1080p", fps=30, quality="standard", timeline="none")
    a = run_render(sb, tmp_path / "a.mp4", settings)
    ff = ffmpeg_exe()
    preset, crf = X264["standard"]
    enc = ["-c:v", "libx264", "-preset", preset, "-crf", str(crf), "-pix_fmt", "yuv420p", "-g", "60"]
    b = timed([ff, "-y", "-loglevel", "error", "-i", str(tmp_path / "a.mp4"), "-map", "0:v", *enc, str(tmp_path / "b.mp4")])

    # the peer gets the same stills (the painter's canvas per scene), the same audio and the same encoder settings
    rs = RenderSettings(**settings)
    spec_scenes = []
    for i, s in enumerate(sb.scenes):
        png = tmp_path / f"still{i}.png"
        from PIL import Image
        Image.fromarray(paint(s, sb.characters, rs.size, rs.style).flatten()).save(png)
        spec_scenes.append(dict(image=str(png), duration=s.duration, zoom=[1.0, 1.15]))
    subprocess.run([ff, "-y", "-loglevel", "error", "-i", str(tmp_path / "a.mp4"), "-map", "0:a", str(tmp_path / "audio.wav")], check=True)
    spec = dict(size=list(rs.size), fps=30, output=str(tmp_path / "c.mp4"), audio=str(tmp_path / "audio.wav"), scenes=spec_scenes,
                transitions=[0.5] * (len(sb.scenes) - 1), codec_args=dict(codec="libx264", preset=preset, crf=crf))
    (tmp_path / "spec.json").write_text(json.dumps(spec))
    c = timed([str(PEER_PY), str(HERE / "moviepy_peer.py"), str(tmp_path / "spec.json")])

    small = dict(resolution="480p", fps=30, quality="draft", timeline="none")
    one = run_render(sb, tmp_path / "one.mp4", small)
    ten = run_render(storyboard(100), tmp_path / "ten.mp4", small)

    print(f"\nrender bench, {len(sb.scenes)} scenes, {a['duration']:.1f} s at 1080p30 ({a['frames']} frames), {os.cpu_count()} cores:\n"
          f"  (a) videogen render        {a['seconds']:7.1f} s  ({a['frames'] / a['seconds']:.1f} fps)\n"
          f"  (b) ffmpeg re-encode only  {b:7.1f} s\n"
          f"  (c) MoviePy 2 peer         {c:7.1f} s\n"
          f"  a/b = {a['seconds'] / b:.2f}   c/a = {c / a['seconds']:.2f}\n"
          f"  peak RSS of the render process: {a['rss_mb']:.0f} MB (ffmpeg runs beside it)\n"
          f"  480p: {one['duration']:.0f} s video -> {one['rss_mb']:.0f} MB; 10x longer ({ten['duration']:.0f} s) -> {ten['rss_mb']:.0f} MB")
    assert a["frames"] == round((10 * 6.4 - 9 * 0.5) * 30)
    assert ten["frames"] > 9 * one["frames"]


def test_rerender_from_the_store(tmp_path):
    "The same 10-scene script rendered in full, again unchanged, and again after one scene's prompt and seed change."
    sb = storyboard(10)
    settings = dict(resolution="1080p", fps=30, quality="standard")
    full = run_render(sb, tmp_path / "v.mp4", settings)
    same = run_render(sb, tmp_path / "v.mp4", settings)
    sb.scenes[4].image_prompt, sb.scenes[4].seed = "the bar at closing time, chairs on the tables", 1234
    edited = run_render(sb, tmp_path / "v.mp4", settings)
    print(f"\nre-render bench, {len(sb.scenes)} scenes at 1080p30, one store:\n"
          f"  full render              {full['seconds']:7.2f} s   steps run: {full['ran']}\n"
          f"  unchanged re-render      {same['seconds']:7.2f} s   = {same['seconds'] / full['seconds']:.1%} of full (target <= 5%)   steps run: {same['ran']}\n"
          f"  one scene edited         {edited['seconds']:7.2f} s   = {edited['seconds'] / full['seconds']:.1%} of full (target <= 15%)   steps run: {edited['ran']}\n"
          f"  where the edited re-render's time went: {', '.join(f'{k} {v:.2f} s' for k, v in edited['stages'].items())}")
    # its piece, the two transitions touching it and (for the edit's media, timeline = parts) its two handles; then the join
    assert same["ran"] == {} and edited["ran"] == dict(segment=5, final=1)
