"""What the render benches share: the bench's scripts (two people talking, scene after scene) and one way to render a
storyboard in a fresh process, measured.

`render_in(data, sb, out, settings)` renders `sb` in a new Python process with its store in `data` and returns, from
that process: wall and CPU seconds of the `render` call (CPU = the process and its ffmpeg children, from
`os.times`), its peak RSS (VmHWM: its own peak; the ffmpeg encoders it runs are separate processes, and `ru_maxrss`
would report the parent's peak carried through fork and exec), the video's duration and frames, the steps it ran,
the loudness the manifest records, and the stage times. With `events=True` it also returns every event the render
sent to its `on_event` listener, as `[seconds since the call began, stage, progress, scene, message]`.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

from videogen.core import Storyboard, Transition
from videogen.script import parse_script

PLACES = ["EXT. CITY STREET - NIGHT", "INT. KITCHEN - MORNING", "EXT. FOREST - DAY", "INT. BAR - NIGHT", "EXT. BEACH - SUNSET",
          "INT. OFFICE - DAY", "INT. TRAIN CARRIAGE - DUSK", "EXT. MOUNTAIN PASS - DAY", "INT. LIBRARY - EVENING", "EXT. HARBOR - DAWN"]
PEOPLE = ["ANNA", "BRUNO", "CLEO", "DEV"]


def talk(scenes: int, seconds: float, dissolve: float = 0.5, title: str = "Bench", numbered: bool = False) -> Storyboard:
    "`scenes` scenes of `seconds` each, two people talking in each, joined by `dissolve`-second dissolves (numbered: each scene's words differ)."
    out = [f"Title: {title}\n\n"]
    for i in range(scenes):
        a, b = PEOPLE[i % 4], PEOPLE[(i + 1) % 4]
        time, number = (f", for the {i + 1}th time", f", number {i + 1}") if numbered else ("", "")
        out.append(f"{PLACES[i % len(PLACES)]}\n\n{a.title()} waits while {b.title()} arrives{time}.\n\n"
                   f"{a}\nWe have to leave before the light goes{number}.\n\n{b}\nThen we leave now.\n\nDISSOLVE TO:\n\n")
    sb = parse_script("".join(out), "fountain")
    for i, s in enumerate(sb.scenes):
        s.duration = seconds
        s.transition = Transition(kind="dissolve", duration=dissolve) if i < len(sb.scenes) - 1 else Transition()
    return sb


def storyboard(scenes: int) -> Storyboard:
    "The bench script: `scenes` scenes of 6.4 s, two people talking in each, joined by half-second dissolves."
    return talk(scenes, 6.4)


def crowd(speakers: int, scenes: int = 2, lines: int = 40) -> Storyboard:
    "`scenes` scenes in which `speakers` people (two or more) take turns saying `lines` short lines between them: a cast of two, or a crowd."
    names = [f"SPEAKER {chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(speakers)]
    out = ["Title: Crowd\n\n"]
    for i in range(scenes):
        out.append(f"{PLACES[i % len(PLACES)]}\n\nEveryone is here.\n\n" + "".join(f"{names[k % speakers]}\nI am here, number {k + 1}.\n\n" for k in range(lines)))
    return parse_script("".join(out), "fountain")


def minutes_storyboard(minutes: float) -> Storyboard:
    "The same kind of script `minutes` long: 8.5 s scenes and half-second dissolves, so 8 s of film a scene (at least two: 16.5 s)."
    return talk(max(2, round(minutes * 60 / 8)), 8.5, title="Long", numbered=True)


RUN = """
import json, os, re, sys, time
from videogen.core import Storyboard
from videogen.rendering import render
sb = Storyboard.from_json(open(sys.argv[1]).read())
events = []
t = time.perf_counter(); c0 = os.times()
def seen(e): events.append([time.perf_counter() - t, e.stage, e.progress, e.scene, e.message])
r = render(sb, json.loads(sys.argv[3]), sys.argv[2], on_event=seen if sys.argv[4] else None)
seconds = time.perf_counter() - t; c1 = os.times()
# VmHWM is this process's own peak RSS (ru_maxrss would carry over the parent's peak through fork and exec)
hwm = int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))
if sys.argv[4]: json.dump(events, open(sys.argv[4], "w"))
print(json.dumps(dict(seconds=seconds, duration=r.duration, frames=r.frames, rss_mb=hwm / 1024,
                      cpu=(c1.user - c0.user) + (c1.system - c0.system) + (c1.children_user - c0.children_user)
                          + (c1.children_system - c0.children_system),
                      ran=r.ran, same=r.same, steps=[[s["kind"], s["scene"]] for s in r.steps if not s["stored"]], stages=r.seconds,
                      loudness=json.load(open(r.manifest))["loudness"])))
"""


def render_in(data: Path, sb: Storyboard, out: Path, settings: dict, events: bool = False) -> dict:
    "Render `sb` in a fresh process with its store in `data`: wall and CPU seconds, peak RSS, the steps run (and its events)."
    job = out.with_suffix(".storyboard.json")
    job.write_text(sb.to_json())
    log = out.with_suffix(".events.json") if events else None
    env = {**os.environ, "VIDEOGEN_DATA_DIR": str(data)}
    r = subprocess.run([sys.executable, "-c", RUN, str(job), str(out), json.dumps(settings), str(log or "")],
                       capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr[-3000:]
    res = json.loads(r.stdout.strip().splitlines()[-1])
    if log: res["events"] = json.loads(log.read_text())
    return res
