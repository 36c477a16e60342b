"""Memory and speed against the film's length: the same kind of script made 1, 10 and 60 minutes long, each rendered
at 480p (draft quality, no edit's media: `timeline = none`) in a fresh process, from an empty store, with the
sound path (voices, score, mix, loudness, captions).

Printed per length: the render process's peak RSS (VmHWM: its own peak; the ffmpeg encoders it runs are separate
processes, and `ru_maxrss` would report the parent's peak carried through fork and exec), wall and CPU seconds (the process and its ffmpeg
children, from `os.times`), and both per minute of video; then the 10- and 60-minute peaks as ratios of the
1-minute one. Memory must not grow with the film: the score is composed a section at a time, the mix is made and
normalised a block at a time, frames are made one at a time.

The 60-minute render takes a while (about 8 minutes on 2 cores, 10 minutes for the whole bench); it runs when VIDEOGEN_BENCH_LONG=1 is set, and
the 1- and 10-minute ones always do. Run with `make bench` (or `pytest tests/bench/test_bench_memory.py -s`).
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from videogen.core import Storyboard, Transition
from videogen.script import parse_script

PLACES = ["EXT. CITY STREET - NIGHT", "INT. KITCHEN - MORNING", "EXT. FOREST - DAY", "INT. BAR - NIGHT", "EXT. BEACH - SUNSET",
          "INT. OFFICE - DAY", "INT. TRAIN CARRIAGE - DUSK", "EXT. MOUNTAIN PASS - DAY", "INT. LIBRARY - EVENING", "EXT. HARBOR - DAWN"]
PEOPLE = ["ANNA", "BRUNO", "CLEO", "DEV"]
SCENE, DISSOLVE = 8.5, 0.5 # seconds: a scene and the dissolve into the next, so 8 s of film a scene
LONG = os.environ.get("VIDEOGEN_BENCH_LONG") == "1"


def storyboard(minutes: float) -> Storyboard:
    "A script of two people talking, scene after scene, `minutes` long (each scene's lines and places vary)."
    n = max(2, round(minutes * 60 / (SCENE - DISSOLVE)))
    out = ["Title: Long\n\n"]
    for i in range(n):
        a, b = PEOPLE[i % 4], PEOPLE[(i + 1) % 4]
        out.append(f"{PLACES[i % len(PLACES)]}\n\n{a.title()} waits while {b.title()} arrives, for the {i + 1}th time.\n\n"
                   f"{a}\nWe have to leave before the light goes, number {i + 1}.\n\n{b}\nThen we leave now.\n\nDISSOLVE TO:\n\n")
    sb = parse_script("".join(out), "fountain")
    for i, s in enumerate(sb.scenes):
        s.duration = SCENE
        s.transition = Transition(kind="dissolve", duration=DISSOLVE) if i < n - 1 else Transition()
    return sb


RUN = """
import json, os, re, sys, time
from videogen.core import Storyboard
from videogen.rendering import render
sb = Storyboard.from_json(open(sys.argv[1]).read())
t = time.perf_counter(); c0 = os.times()
r = render(sb, json.loads(sys.argv[3]), sys.argv[2])
c1 = os.times()
hwm = int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))
print(json.dumps(dict(seconds=time.perf_counter() - t, duration=r.duration, frames=r.frames, rss_mb=hwm / 1024,
                      cpu=(c1.user - c0.user) + (c1.system - c0.system) + (c1.children_user - c0.children_user)
                          + (c1.children_system - c0.children_system),
                      loudness=json.load(open(r.manifest))["loudness"]["integrated"])))
"""


def render_in(data: Path, sb: Storyboard, out: Path) -> dict:
    "Render in a fresh process with an empty store in `data`: its peak RSS, wall and CPU seconds."
    job = out.with_suffix(".storyboard.json")
    job.write_text(sb.to_json())
    settings = dict(resolution="480p", fps=30, quality="draft", timeline="none", max_minutes=120)
    env = {**os.environ, "VIDEOGEN_DATA_DIR": str(data)}
    r = subprocess.run([sys.executable, "-c", RUN, str(job), str(out), json.dumps(settings)], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout.strip().splitlines()[-1])


def test_memory_is_flat_in_the_films_length(tmp_path):
    lengths = [1, 10] + ([60] if LONG else [])
    rows = {}
    for m in lengths:
        rows[m] = render_in(tmp_path / f"data{m}", storyboard(m), tmp_path / f"film{m}.mp4")
        for p in tmp_path.glob(f"film{m}*"): p.unlink() # the long films' files are large
    one = rows[1]
    print(f"\nmemory bench: 480p30 draft, timeline none, the sound path, {os.cpu_count()} cores; each render in a fresh process, empty store\n"
          f"  {'film':>8} {'frames':>7} {'peak RSS':>9} {'x 1 min':>8} {'wall s':>8} {'s/min':>6} {'CPU s':>8} {'CPU/min':>8} {'LUFS':>7}")
    for m, r in rows.items():
        mins = r["duration"] / 60
        print(f"  {r['duration'] / 60:7.1f}m {r['frames']:7d} {r['rss_mb']:7.0f}MB {r['rss_mb'] / one['rss_mb']:8.2f}"
              f" {r['seconds']:8.1f} {r['seconds'] / mins:6.1f} {r['cpu']:8.1f} {r['cpu'] / mins:8.1f} {r['loudness']:7.2f}")
    if not LONG: print("  (the 60-minute film runs with VIDEOGEN_BENCH_LONG=1)")
    for m, r in rows.items():
        assert abs(r["duration"] - m * 60) < 0.1 * m * 60 + 10
        assert abs(r["loudness"] + 14) <= 1.0
