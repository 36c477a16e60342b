"""Memory and speed against the film's length: the same kind of script (`scripts.minutes_storyboard`) made 16 s, 1,
10 and 60 minutes long, each rendered at 480p (draft quality, no edit's media: `timeline = none`) in a fresh process,
from an empty store, with the sound path (voices, score, mix, loudness, captions).

Printed per length, as a table: the render process's peak RSS (VmHWM) and its ratio to the 1-minute one; wall and
CPU seconds (the process and its ffmpeg children, from `os.times`) and both per minute of video; and the marginal CPU
seconds per minute, defined below. Memory must not grow with the film: the score is composed a section at a time,
the mix is made and normalised a block at a time, frames are made one at a time.

Asserted, besides each video's length and loudness: render time per minute of video is constant in the film's
length. It is measured in CPU seconds, not wall seconds, because the bench machine's cores are shared. Every render
carries the same fixed costs (the interpreter and imports, the store, the plan, the first score section, the
encoders' and the join's start-up), which weigh on a 1-minute film and not on a 60-minute one; so the rule compares
like with like: the 16-second film (two scenes) measures the fixed cost, and for each longer film

    marginal CPU per minute = (CPU of the film - CPU of the 16-s film) / (its minutes - the 16-s film's minutes)

is what each minute of video added costs. The largest of these over 1, 10 and 60 minutes must be within 10% of the
smallest (at most 1.10 times it): no step grows faster than the film. The 16-s and 1-minute films, whose
differences are small, are rendered twice each and the lower CPU of each pair is used (another process's load only
adds to a render's CPU seconds).

A second test renders ten minutes as one scene and as 8.5-second scenes, and prints both peaks: a scene's length
must not decide what is held either (asserted: less than 1.5 times; a section held whole made it 2.2 times). A third
renders two scenes of forty lines at 1080p, spoken by two people and by forty: nor must the size of a scene's cast
(asserted: under the 400 MB a 1080p render may take, and less than 1.3 times the two people's; a layer held per
speaker made it 762 MB).

The 60-minute render takes a while (about 8 minutes on 2 cores, 10 minutes for the whole bench); it runs when
VIDEOGEN_BENCH_LONG=1 is set, and the shorter ones always do (then the rule covers 1 and 10 minutes). Run with
`make bench` (or `pytest tests/bench/test_bench_memory.py -s`).
"""
import os

from scripts import crowd, minutes_storyboard, render_in, talk

LONG = os.environ.get("VIDEOGEN_BENCH_LONG") == "1"
SETTINGS = dict(resolution="480p", fps=30, quality="draft", timeline="none", max_minutes=120)
TOLERANCE = 1.10 # the largest marginal CPU per minute over the smallest


def test_memory_is_flat_in_the_films_length(tmp_path):
    lengths = [0, 1, 10] + ([60] if LONG else []) # 0: the shortest script, two scenes (16.5 s)
    rows, tries = {}, {}
    for m in lengths:
        tries[m] = []
        for k in range(2 if m <= 1 else 1):
            out = tmp_path / f"film{m}-{k}.mp4"
            tries[m].append(render_in(tmp_path / f"data{m}-{k}", minutes_storyboard(m), out, SETTINGS))
            for p in tmp_path.glob(f"film{m}-{k}*"): p.unlink() # the long films' files are large
        rows[m] = min(tries[m], key=lambda r: r["cpu"])
    base = rows[0]
    b_min = base["duration"] / 60
    marginal = {m: (r["cpu"] - base["cpu"]) / (r["duration"] / 60 - b_min) for m, r in rows.items() if m}
    print(f"\nmemory and speed bench: 480p30 draft, timeline none, the sound path, {os.cpu_count()} cores (shared); each render in a "
          f"fresh process, empty store; the 16-s and 1-min films twice, the lower CPU kept\n"
          f"  {'film':>8} {'frames':>7} {'peak RSS':>9} {'x 1 min':>8} {'wall s':>8} {'wall/min':>8} {'CPU s':>8} {'CPU/min':>8}"
          f" {'marginal CPU/min':>16} {'LUFS':>7}")
    for m, r in rows.items():
        mins = r["duration"] / 60
        print(f"  {mins:7.2f}m {r['frames']:7d} {r['rss_mb']:7.0f}MB {r['rss_mb'] / rows[1]['rss_mb']:8.2f}"
              f" {r['seconds']:8.1f} {r['seconds'] / mins:8.1f} {r['cpu']:8.1f} {r['cpu'] / mins:8.1f}"
              f" {marginal[m] if m else float('nan'):16.1f} {r['loudness']['integrated']:7.2f}")
    for m in (0, 1):
        print(f"  the {('16-s', '1-min')[m]} film's two tries: CPU " + ", ".join(f"{r['cpu']:.1f}" for r in tries[m]) + " s")
    spread = max(marginal.values()) / min(marginal.values())
    fixed = base["cpu"] - min(marginal.values()) * b_min
    print(f"  marginal CPU per minute of video, largest over smallest: {spread:.3f} (at most {TOLERANCE}); "
          f"fixed cost about {fixed:.1f} CPU-s")
    if not LONG: print("  (the 60-minute film runs with VIDEOGEN_BENCH_LONG=1)")
    for m, r in rows.items():
        assert abs(r["duration"] - max(m * 60, 16)) < 0.1 * m * 60 + 10
        assert abs(r["loudness"]["integrated"] + 14) <= 1.0
    assert spread <= TOLERANCE, f"CPU per minute of video grows with the film: {marginal}"


def test_memory_is_flat_in_a_scenes_length(tmp_path):
    # ten minutes as one scene, against the same ten minutes as 8.5-second scenes: a scene's length, like the film's,
    # must not decide what is held (the score's section over a long scene is composed and written a chunk at a time)
    one = render_in(tmp_path / "one", talk(1, 600.0, title="Long"), tmp_path / "one.mp4", SETTINGS)
    many = render_in(tmp_path / "many", minutes_storyboard(10), tmp_path / "many.mp4", SETTINGS)
    print(f"\nten minutes at 480p30 draft, fresh processes: as one scene {one['rss_mb']:.0f} MB peak, {one['cpu']:.1f} CPU-s; "
          f"as {len(minutes_storyboard(10).scenes)} scenes {many['rss_mb']:.0f} MB, {many['cpu']:.1f} CPU-s: "
          f"{one['rss_mb'] / many['rss_mb']:.2f}x the memory")
    assert abs(one["duration"] - 600) < 1 and abs(one["loudness"]["integrated"] + 14) <= 1.0
    assert one["rss_mb"] < 1.5 * many["rss_mb"], (one["rss_mb"], many["rss_mb"]) # held whole, the section alone was 335 MB


def test_memory_is_flat_in_a_scenes_cast(tmp_path):
    # forty lines in each of two scenes at 1080p, spoken by two people and by forty: a speaker's figures layer is made when
    # the camera needs it, so a crowd holds its speakers' own boxes, not a layer each
    settings = dict(SETTINGS, resolution="1080p")
    two = render_in(tmp_path / "two", crowd(2), tmp_path / "two.mp4", settings)
    forty = render_in(tmp_path / "forty", crowd(40), tmp_path / "forty.mp4", settings)
    print(f"\ntwo scenes of forty lines at 1080p30 draft, fresh processes: two speakers {two['rss_mb']:.0f} MB peak, {two['cpu']:.1f} CPU-s; "
          f"forty speakers {forty['rss_mb']:.0f} MB, {forty['cpu']:.1f} CPU-s: {forty['rss_mb'] / two['rss_mb']:.2f}x the memory")
    assert abs(forty["duration"] - two["duration"]) < 0.1 * two["duration"]
    assert forty["rss_mb"] < 400 and forty["rss_mb"] < 1.3 * two["rss_mb"], (forty["rss_mb"], two["rss_mb"])
