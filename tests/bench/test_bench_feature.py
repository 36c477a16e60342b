"""A feature-length screenplay: 190 scenes rendered at 480p30 draft through the library, with progress that never
stalls longer than a scene takes to draw.

The screenplay (`feature`) is generated, deterministically: 190 scenes with varied headings (INT, EXT, INT./EXT.;
thirty places; days, nights, dawns, CONTINUOUS, LATER), 2-4 of a cast of twelve in each, and scene lengths that vary
like a feature's: a fifth are short action-only scenes (an establishing shot, a car passing), half short exchanges,
the rest longer talks and a few long ones; parentheticals, V.O. and O.S. lines; cuts, `CUT TO:`, `DISSOLVE TO:`,
`SMASH CUT TO:`, `MATCH CUT TO:`, `FADE TO:` and `WIPE TO:`. A real feature's 190 scenes run 100-120 minutes, about
15 minutes of rendering on this bench's 2 cores at 480p; to keep the bench near 5 minutes, the scenes keep their
feature's shape but are shorter (their words are), so the whole film is about half an hour.

It renders (`videogen.rendering.render`, the default timeline `parts`, from an empty store) in a fresh process that
records each event its `on_event` listener receives: (seconds since the call began, stage, progress, scene,
message). Asserted:

- every scene is in the result: the manifest's storyboard has every scene, and each has its own drawn piece;
- the video's duration, probed with PyAV, matches the timeline's (the scenes' lengths less the transitions' overlaps, each a whole
  number of frames) within a frame, and the audio stream's within 0.1 s;
- the overall progress never goes back;
- progress never stalls for longer than a scene takes to draw: the longest gap between two events that carry a
  progress (counting the call's start and its return too) is shorter than the longest time any one scene took to
  draw (the time between the piece before it finishing and its own last piece finishing).

Printed: the longest gaps and the events on either side of them, the slowest scenes, wall and CPU seconds (CPU = the
process and its ffmpeg children), both per minute of video, the stages' seconds, and the peak RSS (VmHWM).

By default the first 40 scenes render (about 7 minutes of film, about a minute to render); with VIDEOGEN_BENCH_LONG=1
all 190 (about 30 minutes of film). Run with `make bench` (or `pytest tests/bench/test_bench_feature.py -s`).
"""
import json
import os
import random

import av

from scripts import render_in
from videogen.script import parse_script

LONG = os.environ.get("VIDEOGEN_BENCH_LONG") == "1"
SCENES = 190
SETTINGS = dict(resolution="480p", fps=30, quality="draft", max_minutes=120)

CAST = ["MARA", "JONAH", "ELSIE", "VICTOR", "NADIA", "OWEN", "PRIYA", "THEO", "ROSA", "MALIK", "INGRID", "DETECTIVE HALE"]
PLACES = [("INT", "MARA'S APARTMENT"), ("EXT", "HARBOR DOCKS"), ("INT", "POLICE STATION - BULLPEN"), ("EXT", "COUNTRY ROAD"),
          ("INT", "DINER"), ("INT./EXT.", "JONAH'S CAR"), ("EXT", "ROOFTOP"), ("INT", "HOSPITAL CORRIDOR"), ("EXT", "TRAIN PLATFORM"),
          ("INT", "NEWSROOM"), ("EXT", "CEMETERY"), ("INT", "VICTOR'S OFFICE"), ("EXT", "CITY PARK"), ("INT", "MOTEL ROOM"),
          ("EXT", "LIGHTHOUSE"), ("INT", "BAR"), ("INT", "COURTROOM"), ("EXT", "BRIDGE"), ("INT", "ELSIE'S KITCHEN"),
          ("EXT", "GAS STATION"), ("INT", "WAREHOUSE"), ("EXT", "BEACH"), ("INT", "CHURCH"), ("EXT", "FOREST TRAIL"),
          ("INT", "SUBWAY CAR"), ("INT", "LIBRARY ARCHIVE"), ("EXT", "MARKET STREET"), ("INT", "HOTEL LOBBY"),
          ("EXT", "AIRFIELD"), ("INT", "SAFE HOUSE")]
TIMES = ["DAY", "NIGHT", "MORNING", "EVENING", "DUSK", "DAWN", "CONTINUOUS", "LATER", "NIGHT", "DAY"]
ACTION = ["Rain beads on the windows.", "A car passes, its headlights sweeping the wall.", "Gulls wheel over the water.",
          "The room is dark except for a desk lamp.", "Somewhere a radio plays an old song.", "Papers are spread across the table.",
          "A train thunders past.", "The wind pulls at the coats of the people waiting.", "A clock ticks on the wall.",
          "Neon flickers in the puddles.", "Smoke curls from a cigarette left in an ashtray.", "The crowd parts around them.",
          "Dust hangs in the light from the high windows.", "A phone rings twice and stops.", "The engine idles."]
SAID = ["Where were you last night?", "I told you already.", "You don't get to ask me that.", "We have maybe an hour.",
        "Then we stop wasting it.", "Who else knows?", "Nobody. Not yet.", "Look at me.", "I am looking.",
        "He said he'd be here by nine.", "He lied.", "It's not what you think.", "It never is.", "Give me the keys.",
        "I can't do this again.", "You can, and you will, because there is nobody else.", "The tide turns at four.",
        "Did you see his face when she walked in?", "Keep your voice down.", "We should call someone.",
        "There's a ferry at dawn, if we can get to the harbor without being seen.", "I kept every letter.",
        "You knew, and you let me find out like this.", "It was the only way to keep you safe.", "Safe from what?",
        "Sign here, and here.", "The numbers don't add up, they never did.", "Tell me about the night of the fire.",
        "I was twelve. I remember the smell of it more than anything.", "Go. Now.", "Not without you.",
        "Everybody in this town owes somebody.", "What happens if we're wrong?", "Then we were wrong together.",
        "Coffee, black.", "She won't talk to me.", "Give her time.", "We're out of time.", "I found this in his coat.",
        "That's not his handwriting.", "Whose is it, then?", "Yours.", "Don't.", "I'm sorry.", "Are you?"]
PARENS = ["(quietly)", "(angry)", "(beat)", "(whispering)", "(laughing)", "(sad)", "(into the phone)"]
TRANSITIONS = ["CUT TO:", "DISSOLVE TO:", "SMASH CUT TO:", "MATCH CUT TO:", "FADE TO:", "WIPE TO:"]


def feature(scenes: int = SCENES, seed: int = 190) -> str:
    "A Fountain screenplay of `scenes` scenes shaped like a feature's, the same every time for the same seed."
    rnd = random.Random(seed)
    out = ["Title: The Long Night\nCredit: written by\nAuthor: videogen bench\n\nFADE IN:\n\n"]
    for i in range(scenes):
        setting, place = rnd.choice(PLACES)
        out.append(f"{setting}. {place} - {rnd.choice(TIMES)}\n\n")
        kind = rnd.random()
        people = rnd.sample(CAST, rnd.choice([2, 2, 2, 3, 3, 4]))
        action = " ".join(rnd.sample(ACTION, 1 if kind < 0.2 else rnd.choice([1, 2])))
        if kind >= 0.2: action = f"{people[0].title()} and {people[1].title()} face each other. " + action
        out.append(action + "\n\n")
        lines = 0 if kind < 0.2 else rnd.randint(2, 3) if kind < 0.7 else rnd.randint(3, 5) if kind < 0.94 else rnd.randint(7, 10)
        for k in range(lines):
            who = people[k % len(people)] if rnd.random() < 0.8 else rnd.choice(people)
            cue = who + (rnd.choice([" (V.O.)", " (O.S.)"]) if rnd.random() < 0.05 else "")
            paren = rnd.choice(PARENS) + "\n" if rnd.random() < 0.15 else ""
            text = " ".join(rnd.sample(SAID, rnd.choice([1, 1, 1, 1, 2])))
            out.append(f"{cue}\n{paren}{text}\n\n")
        if i < scenes - 1 and rnd.random() < 0.3: out.append(f"{rnd.choice(TRANSITIONS)}\n\n")
    out.append("FADE OUT.\n")
    return "".join(out)


def gaps(events: list, end: float) -> list[tuple[float, list, list]]:
    "The gaps between progress events (the call's start and return included), longest first: (seconds, before, after)."
    marks = [[0.0, "start", 0.0, None, "render called"], *[e for e in events if e[2] is not None], [end, "return", 1.0, None, "render returned"]]
    return sorted(((b[0] - a[0], a, b) for a, b in zip(marks, marks[1:])), key=lambda g: -g[0])


def draw_times(events: list) -> dict[int, float]:
    "Seconds each scene took to draw: from the piece before it finishing (or the first frame's event) to its own last piece finishing."
    done = [(e[0], int(e[4].split()[1].split("/")[0])) for e in events if e[1] == "render" and e[4].startswith("scene ")]
    first = next(e[0] for e in events if e[1] in ("paint", "render"))
    out, prev, last = {}, first, {}
    for t, k in done: last[k] = t
    for t, k in done:
        if k not in out: out[k] = -prev
        prev = t
    return {k: last[k] + v for k, v in out.items()}


def test_feature_length_screenplay(tmp_path):
    text = feature()
    sb = parse_script(text, "fountain")
    assert len(sb.scenes) == SCENES and len(sb.characters) == len(CAST), (len(sb.scenes), [c.name for c in sb.characters])
    full = len(sb.scenes)
    if not LONG: sb.scenes = sb.scenes[:40]
    out = tmp_path / "feature.mp4"
    r = render_in(tmp_path / "data", sb, out, SETTINGS, events=True)
    ev, n = r["events"], len(sb.scenes)
    manifest = json.loads(out.with_suffix(".json").read_text())

    # every scene is in the result, each with its own drawn piece
    ids = [s.id for s in sb.scenes]
    assert [s["id"] for s in manifest["storyboard"]["scenes"]] == ids
    assert sorted(p["scene"] for p in manifest["pieces"] if p["kind"] == "scene") == sorted(ids)
    # the video is as long as its timeline
    scenes = manifest["storyboard"]["scenes"]
    fps = SETTINGS["fps"] # each scene and transition a whole number of frames
    expected = (sum(round(s["duration"] * fps) for s in scenes) - sum(round(s["transition"]["duration"] * fps) for s in scenes[:-1])) / fps
    with av.open(str(out)) as c:
        video = c.streams.video[0]
        v_seconds = float(video.duration * video.time_base)
        a = c.streams.audio[0]
        a_seconds = float(a.duration * a.time_base)
    # progress never goes back: each place it does, with the events on either side
    marked = [e for e in ev if e[2] is not None]
    progress = [e[2] for e in marked]
    back = [(a, b) for a, b in zip(marked, marked[1:]) if b[2] < a[2] - 1e-9]

    g = gaps(ev, r["seconds"])
    drawn = draw_times(ev)
    slowest = sorted(drawn.items(), key=lambda kv: -kv[1])
    mins = r["duration"] / 60
    words = sum(len(l.text.split()) for s in sb.scenes for l in s.lines)
    print(f"\nfeature bench: {n} of {full} scenes{'' if LONG else ' (all 190 with VIDEOGEN_BENCH_LONG=1)'}, {len(text) / 1000:.0f} kB of Fountain, "
          f"{sum(len(s.lines) for s in sb.scenes)} lines ({words} words), {r['duration'] / 60:.1f} min of video, {r['frames']} frames; "
          f"480p30 draft, timeline parts; {os.cpu_count()} cores (shared), fresh process, empty store\n"
          f"  wall {r['seconds']:.1f} s, CPU {r['cpu']:.1f} s (process + ffmpeg children): {r['seconds'] / mins:.1f} wall-s and "
          f"{r['cpu'] / mins:.1f} CPU-s per minute of video; peak RSS (VmHWM) {r['rss_mb']:.0f} MB; "
          f"{len(ev)} events, {len(progress)} with progress\n"
          f"  video {v_seconds:.3f} s (timeline {expected:.3f} s), audio {a_seconds:.3f} s, {manifest['loudness']['integrated']:.2f} LUFS\n"
          f"  stages (s): " + ", ".join(f"{k} {v:.1f}" for k, v in r["stages"].items()))
    print(f"  scene lengths: shortest {min(s['duration'] for s in scenes):.1f} s, median {sorted(s['duration'] for s in scenes)[len(scenes) // 2]:.1f} s, "
          f"longest {max(s['duration'] for s in scenes):.1f} s; slowest to draw: "
          + ", ".join(f"scene {k} ({scenes[k - 1]['duration']:.1f} s) {t:.2f} s" for k, t in slowest[:3]))
    print("  longest gaps between progress events:")
    for s, a, b in g[:6]:
        print(f"    {s:6.2f} s at {a[0]:7.1f} s: after [{a[1]} {a[2]:.3f} {a[4]!r}] until [{b[1]} {b[2]:.3f} {b[4]!r}]")
    for a, b in back[:5]:
        print(f"  progress went back at {b[0]:.2f} s: from [{a[1]} {a[2]:.4f} {a[4]!r}] to [{b[1]} {b[2]:.4f} {b[4]!r}]")
    assert abs(v_seconds - r["duration"]) <= 1 / fps + 1e-6, (v_seconds, r["duration"])
    assert abs(v_seconds - expected) <= 1 / fps + 1e-6, (v_seconds, expected)
    assert abs(a_seconds - v_seconds) < 0.1, (a_seconds, v_seconds)
    assert not back, f"progress went back {len(back)} times, first from {back[0][0]} to {back[0][1]}"
    assert g[0][0] < slowest[0][1], f"progress stalled {g[0][0]:.2f} s, longer than the slowest scene took to draw ({slowest[0][1]:.2f} s)"
