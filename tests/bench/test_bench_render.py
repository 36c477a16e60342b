"""Render speed and memory: a 10-scene, about one-minute script at 1080p30 with the default backends, and the bundled
screenplay (`examples/last_train.fountain`) at 1080p30.

Measured in the same run:
  (a) the full render, cold (a fresh store), in its own process: wall seconds, and CPU seconds of that process and
      its ffmpeg children (`getrusage`);
  (b) the limit: ffmpeg alone encoding exactly (a)'s frames with the same encoder arguments as the render's profile,
      read as raw YUV 4:2:0 from a file (no decoding in the reference). The frames are written to that file by a
      second, untimed render of the same script (renders are deterministic), which tees each frame its encoders
      receive;
  (c) the peer: a MoviePy 2 program (moviepy_peer.py, in its own virtual environment) making the same kind of
      video from the same stills, with a zoom, crossfades and the same audio.
Prints a/b (wall and CPU), c/a and peak memory; then renders the same script 10x longer (at 480p, to keep the run
short) to show that memory does not grow with length. A second benchmark times re-renders against the store:
unchanged, and after editing one scene, each as a fraction of the full render. Run with `make bench`.
"""
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from videogen.assemble import X264, encode_profile
from videogen.core import RenderSettings, Storyboard
from videogen.image import paint
from videogen.media import ffmpeg_exe
from videogen.script import parse_file

from scripts import storyboard

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
PEER_PY = Path(os.environ.get("VIDEOGEN_PEER_PYTHON", ROOT / ".venv-peer" / "bin" / "python"))

# Run in the render's own process: renders a storyboard file; with a tee path, also appends every frame an encoder
# receives to that file as raw YUV 4:2:0 (for the reference, in an untimed run).
RENDER = """
import json, re, sys, threading, time
from videogen.core import Storyboard
from videogen.rendering import render
if sys.argv[4]:
    import cv2
    from videogen import media
    raw, lock, write = open(sys.argv[4], "wb"), threading.Lock(), media.FrameWriter.write
    def tee(self, frame):
        write(self, frame)
        yuv = frame if frame.ndim == 2 else cv2.cvtColor(frame, cv2.COLOR_RGB2YUV_I420 if frame.shape[2] == 3 else cv2.COLOR_RGBA2YUV_I420)
        with lock: raw.write(yuv.data)
    media.FrameWriter.write = tee
sb = Storyboard.from_json(open(sys.argv[1]).read()); t = time.perf_counter()
r = render(sb, json.loads(sys.argv[3]), sys.argv[2])
seconds = time.perf_counter() - t
if sys.argv[4]: raw.close()
# VmHWM is this process's own peak RSS (ru_maxrss would carry over the parent's peak through fork and exec)
hwm = int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))
print(json.dumps(dict(seconds=seconds, duration=r.duration, frames=r.frames, rss_mb=hwm / 1024, ran=r.ran, stages=r.seconds)))
"""


def children_cpu() -> float:
    "CPU seconds (user + system) of this process's waited-for children and theirs."
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_render(sb: Storyboard, out: Path, settings: dict, tee: Path | None = None, cold: bool = False) -> dict:
    "Render in a fresh process (from a fresh store if `cold`); wall time, CPU seconds with its children, and its peak RSS."
    job = out.with_suffix(".storyboard.json")
    job.write_text(sb.to_json())
    env = dict(os.environ)
    store = tempfile.TemporaryDirectory(dir=out.parent) if cold else None
    if store: env["VIDEOGEN_DATA_DIR"] = store.name
    cpu, t = children_cpu(), time.perf_counter()
    r = subprocess.run([sys.executable, "-c", RENDER, str(job), str(out), json.dumps(settings), str(tee or "")],
                       capture_output=True, text=True, check=True, env=env)
    wall, cpu = time.perf_counter() - t, children_cpu() - cpu
    if store: store.cleanup()
    return dict(json.loads(r.stdout.strip().splitlines()[-1]), process_seconds=wall, cpu=cpu)


def timed(cmd: list[str]) -> dict:
    "Run a command; its wall and CPU seconds."
    cpu, t = children_cpu(), time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return dict(seconds=time.perf_counter() - t, cpu=children_cpu() - cpu)


def against_encoder(sb: Storyboard, settings: dict, tmp: Path) -> tuple[dict, dict]:
    "(a) a cold render and (b) ffmpeg alone encoding exactly its frames from a raw file, with the render's encoder arguments."
    a = run_render(sb, tmp / "a.mp4", settings, cold=True)
    raw = tmp / "frames.yuv"
    teed = run_render(sb, tmp / "teed.mp4", settings, tee=raw, cold=True) # untimed: writes the frames the render makes
    profile = encode_profile(RenderSettings(**{**sb.settings.model_dump(), **settings}))
    (w, h), fps = profile.size, profile.fps
    b = timed([ffmpeg_exe(), "-y", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", f"{w}x{h}", "-r", str(fps),
               "-i", str(raw), *profile.piece_args(), "-r", str(fps), str(tmp / "b.mp4")])
    b.update(frames=raw.stat().st_size // (w * h * 3 // 2), codec=profile.piece_args())
    raw.unlink()
    assert teed["frames"] == a["frames"] == b["frames"], (a["frames"], teed["frames"], b["frames"])
    return a, b


def report(name: str, a: dict, b: dict) -> str:
    "The render against its encoder, as printed lines."
    return (f"  {name}: {a['frames']} frames, {os.cpu_count()} cores\n"
            f"    (a) videogen render, cold          {a['process_seconds']:7.1f} s wall  {a['cpu']:7.1f} CPU-s  ({a['frames'] / a['process_seconds']:.1f} fps)\n"
            f"    (b) ffmpeg alone, same frames raw  {b['seconds']:7.1f} s wall  {b['cpu']:7.1f} CPU-s  ({' '.join(b['codec'])})\n"
            f"    a/b = {a['process_seconds'] / b['seconds']:.2f} wall, {a['cpu'] / b['cpu']:.2f} CPU   (target <= 1.3)\n"
            f"    the render beyond its encoder: {(a['cpu'] - b['cpu']) / a['frames'] * 1000:.1f} CPU-ms a frame")


def peer(sb: Storyboard, settings: dict, tmp_path: Path) -> dict:
    "(c) The MoviePy peer making the same kind of video from the same stills, audio and encoder settings as (a), in tmp_path."
    ff = ffmpeg_exe()
    preset, crf = X264["standard"]

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
    return c


def test_render_speed_and_memory(tmp_path):
    sb = storyboard(10)
    # no edit's media (timeline = none): the render draws exactly the video's frames, the ones the references encode
    settings = dict(resolution="1080p", fps=30, quality="standard", timeline="none")
    a, b = against_encoder(sb, settings, tmp_path)
    c = peer(sb, settings, tmp_path) if PEER_PY.exists() else None # the peer runs where its environment is (`make bench`)

    small = dict(resolution="480p", fps=30, quality="draft", timeline="none")
    one = run_render(sb, tmp_path / "one.mp4", small)
    ten = run_render(storyboard(100), tmp_path / "ten.mp4", small)

    print(f"\nrender bench, {len(sb.scenes)} scenes, {a['duration']:.1f} s at 1080p30:\n{report('bench storyboard', a, b)}\n"
          + (f"  (c) MoviePy 2 peer {c['seconds']:7.1f} s;  c/a = {c['seconds'] / a['process_seconds']:.2f}\n" if c else
             "  (c) MoviePy 2 peer: not run (its environment is missing: run `make bench`)\n") +
          f"  peak RSS of the render process: {a['rss_mb']:.0f} MB (ffmpeg runs beside it)\n"
          f"  480p: {one['duration']:.0f} s video -> {one['rss_mb']:.0f} MB; 10x longer ({ten['duration']:.0f} s) -> {ten['rss_mb']:.0f} MB")
    assert a["frames"] == round((10 * 6.4 - 9 * 0.5) * 30)
    assert ten["frames"] > 9 * one["frames"]


def test_last_train_against_its_encoder(tmp_path):
    "The bundled screenplay at 1080p30, cold, against ffmpeg alone encoding exactly its frames."
    sb = parse_file(ROOT / "examples" / "last_train.fountain")
    a, b = against_encoder(sb, dict(resolution="1080p", fps=30, timeline="none"), tmp_path)
    print(f"\nrender bench, examples/last_train.fountain, {a['duration']:.1f} s at 1080p30:\n{report('last_train', a, b)}")
    assert b["codec"][:2] == ["-c:v", "libx264"] and b["frames"] == a["frames"]


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
