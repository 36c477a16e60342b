"""What one frame of each camera move costs to draw: the first scene of the bundled screenplay
(`examples/last_train.fountain`) painted at 1080p, drawn as the I420 frames an encoder takes, a speaker's mouth
opening and closing and the speaker changing every 40 frames, with no encoder. OpenCV is held to one thread, as a
render holds it on a machine of few cores (`videogen.executors.opencv_threads`), so the drawing thread's CPU is all
the CPU a frame costs; and glibc's allocator is set as a render sets it (`videogen.steps.unpool_large_buffers`).

Run: `python tests/bench/frame_costs.py`.

For each move, 150 frames are drawn twice: as shipped, and with every box warped and a parallax background drawn box
by box (`RESIZED` and `WHOLE` switched off), the two in alternating order, four times. Each figure is the median of the
four, in this thread's CPU milliseconds a frame (`time.thread_time`).
"""
import copy
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", ".."))
import videogen.animate as A  # noqa: E402
from videogen.core import Motion  # noqa: E402
from videogen.executors import opencv_threads  # noqa: E402
from videogen.image import paint  # noqa: E402
from videogen.lipsync import draw_mouth  # noqa: E402
from videogen.script import parse_file  # noqa: E402
from videogen.steps import unpool_large_buffers  # noqa: E402

MOVES = (("zoom", "in", 0.35), ("zoom", "out", 0.25), ("pan", "left", 0.3), ("tilt", "up", 0.4), ("dolly", "in", 0.6),
         ("rotate", "cw", 0.5))
FRAMES, TRIES = 150, 4


def frame_ms(layers, kind: str, direction: str, intensity: float, speakers: list[str]) -> float:
    "Thread CPU milliseconds a frame for one shot of `FRAMES` frames."
    shot = A.Shot(copy.deepcopy(layers), Motion(kind=kind, direction=direction, intensity=intensity), FRAMES, (1920, 1080), draw_mouth)
    t = time.thread_time()
    for i in range(FRAMES): shot.frame(i, speakers[(i // 40) % len(speakers)], (i % 7) / 7, yuv=True)
    return (time.thread_time() - t) / FRAMES * 1000


def main():
    sb = parse_file(os.path.join(os.path.dirname(__file__), "..", "..", "examples", "last_train.fountain"))
    layers = paint(sb.scenes[0], sb.characters, (1920, 1080))
    speakers = [k for k in layers.characters if k]
    ways = {"warped": (1 << 30, 2.0), "shipped": (A.RESIZED, A.WHOLE)}
    got: dict[tuple, list[float]] = {}
    for k in range(TRIES):
        for move in MOVES:
            for way in (list(ways) if k % 2 else list(ways)[::-1]):
                A.RESIZED, A.WHOLE = ways[way]
                got.setdefault((move, way), []).append(frame_ms(layers, *move, speakers))
    A.RESIZED, A.WHOLE = ways["shipped"]
    print(f"{'move':<12} {'every box warped':>17} {'as shipped':>11}   (CPU-ms a frame, 1080p, medians of {TRIES})")
    for move in MOVES:
        print(f"{move[0] + ' ' + move[1]:<12} {np.median(got[(move, 'warped')]):17.2f} {np.median(got[(move, 'shipped')]):11.2f}")


if __name__ == "__main__":
    unpool_large_buffers()
    with opencv_threads(1): main()
