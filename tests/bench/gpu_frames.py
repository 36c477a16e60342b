"""Frames on a GPU against the encoder: every scene of the bundled screenplay (`examples/last_train.fountain`) at
1080p30, drawn as the I420 frames an encoder takes by the torch engine on a CUDA device and by the OpenCV engine on the
CPU, against ffmpeg encoding exactly those frames from a raw file with the render's profile (libx264; NVENC too where
the GPU has an encoder).

Run on a machine with a CUDA GPU: `python tests/bench/gpu_frames.py [--ffmpeg PATH] [--out FILE.json]`.

Measured, per engine: wall seconds and this process's CPU seconds (`time.process_time`, all threads) for the frames
alone (painting is not counted: both engines draw the same painted layers); the mouths open and close on a fixed
pattern, so each frame re-uploads a mouth's box as a render's would. The torch engine is warmed on one frame first
(CUDA's start-up is paid once per process, not per frame). The encoder's CPU is its process's (`RUSAGE_CHILDREN`).
Prints one JSON line; the README quotes it.
"""
import argparse
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from videogen.animate import Shot, frame_engine  # noqa: E402
from videogen.assemble import encode_profile, nvenc_available  # noqa: E402
from videogen.core import RenderSettings  # noqa: E402
from videogen.image import paint  # noqa: E402
from videogen.lipsync import draw_mouth  # noqa: E402
from videogen.script import parse_file  # noqa: E402


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    "Peak signal-to-noise ratio of two uint8 arrays, in dB."
    mse = np.mean((a.astype(np.float64) - b) ** 2)
    return 99.0 if mse == 0 else 10 * math.log10(255 ** 2 / mse)


def talking(shot: Shot, k: int) -> tuple[str | None, float]:
    "Who speaks at frame `k` and how open their mouth is: the scene's people in turn, two seconds each."
    people = [c for c in shot.layers.mouths]
    if not people: return None, 0.0
    return people[(k // 60) % len(people)], 0.5 + 0.5 * math.sin(k / 2.5)


def draw(shots, engine: str, sink=None) -> dict:
    "Every frame of every shot as I420 on one engine: wall and CPU seconds (and the frames written to `sink`)."
    import torch
    sync = torch.cuda.synchronize if engine == "torch" and DEVICE == "cuda" else (lambda: None)
    t, c, n = time.perf_counter(), time.process_time(), 0
    for layers, motion, frames in shots:
        shot = Shot(layers, motion, frames, SIZE, draw_mouth, engine=engine, device=DEVICE)
        for k in range(frames):
            f = shot.frame(k, *talking(shot, k), yuv=True)
            if sink is not None: sink.write(f.data)
            n += 1
    sync()
    return dict(frames=n, wall=time.perf_counter() - t, cpu=time.process_time() - c)


def encode(ffmpeg: str, raw: Path, profile, out: Path) -> dict:
    "ffmpeg alone encoding the raw frames with `profile`: wall and CPU seconds."
    w, h = profile.size
    r0, t = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run([ffmpeg, "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", f"{w}x{h}", "-r", str(profile.fps),
                    "-i", str(raw), *profile.piece_args(), str(out)], check=True)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return dict(codec=profile.video_codec, wall=time.perf_counter() - t,
                cpu=(r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime))


SIZE, DEVICE = (1920, 1080), "cuda"

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ffmpeg", default=None, help="ffmpeg binary (the shipped one by default)")
    ap.add_argument("--out", default=None, help="also write the figures here, as JSON")
    ap.add_argument("--device", default="cuda", help="the torch engine's device (cpu: a check of this program, not a figure)")
    ap.add_argument("--scenes", type=int, default=None, help="only the first N scenes")
    a = ap.parse_args()
    DEVICE = a.device
    from videogen.media import ffmpeg_exe
    ffmpeg = ffmpeg_exe(a.ffmpeg)
    import torch
    assert DEVICE != "cuda" or frame_engine("auto") == "torch", "no CUDA GPU answers here"
    sb = parse_file(ROOT / "examples" / "last_train.fountain")
    rs = RenderSettings(resolution="1080p", fps=30)
    t = time.perf_counter()
    shots = [(paint(s, sb.characters, SIZE, sb.settings.style), s.motion, max(1, round(s.duration * 30))) for s in sb.scenes[:a.scenes]]
    painted = time.perf_counter() - t
    Shot(shots[0][0], shots[0][1], 2, SIZE, draw_mouth, engine="torch", device=DEVICE).frame(0, yuv=True) # CUDA's start-up
    same = [psnr(Shot(l, m, n, SIZE, draw_mouth, engine="torch", device=DEVICE).frame(n // 2, yuv=True),
                 Shot(l, m, n, SIZE, draw_mouth, engine="opencv").frame(n // 2, yuv=True)) for l, m, n in shots]
    res = dict(gpu=torch.cuda.get_device_name(0) if DEVICE == "cuda" else DEVICE, cpus=os.cpu_count(), torch=torch.__version__, scenes=len(shots),
               paint_seconds=painted, psnr_min=min(same), nvenc=nvenc_available(ffmpeg))
    with tempfile.TemporaryDirectory() as d:
        raw = Path(d) / "frames.yuv"
        with open(raw, "wb") as sink: res["torch"] = draw(shots, "torch", sink)
        res["torch_unwritten"] = draw(shots, "torch")
        res["opencv"] = draw(shots, "opencv")
        profiles = [encode_profile(rs.model_copy(update=dict(codec="h264")), ffmpeg)]
        if res["nvenc"]: profiles.append(encode_profile(rs.model_copy(update=dict(codec="h264_nvenc")), ffmpeg))
        res["encoders"] = [encode(ffmpeg, raw, p, Path(d) / f"{p.video_codec}.mp4") for p in profiles]
    x264 = res["encoders"][0]
    for e in ("torch_unwritten", "opencv"):
        r = res[e]
        r.update(ms_per_frame=1000 * r["wall"] / r["frames"], cpu_ms_per_frame=1000 * r["cpu"] / r["frames"],
                 cpu_of_x264=r["cpu"] / x264["cpu"], wall_of_x264=r["wall"] / x264["wall"])
    line = json.dumps(res)
    print(line)
    if a.out: Path(a.out).write_text(line)
