"""What an edit costs: a 10-scene, about one-minute script rendered cold, then each single-scene edit rendered
again from a copy of the cold store, each as a share of the cold render (wall and CPU seconds, measured in the
same run), with the steps each one ran.

Edits (all on the fifth scene): its picture prompt; its seed; its camera motion; its action text, written 3 s
longer; one of its lines' words; and nothing (unchanged). The render settings are the re-render bench's (1080p30,
standard quality, the edit's media kept: `timeline = parts`).

Asserted are the structural facts, not the timings: an edit re-runs the pieces that draw the edited scene and no
other scene's own piece; the score recomposes only the sections covering the edited scene; the mix re-mixes only
the blocks whose content changed; of the steps a new line runs, the section of the score and the pieces whose frames
it leaves as they were find what they make made before, and copy it. Run with `make bench` (or `pytest tests/bench/test_bench_edits.py -s`).
"""
import os
import shutil

from videogen.core import Motion, Storyboard
from videogen.plan import PART_SCENES

from scripts import render_in, storyboard

EDITED = 4 # the scene every edit changes


def edits(sb: Storyboard) -> dict[str, Storyboard]:
    "Each single-scene edit of the bench, as a new storyboard."
    def edited(**change) -> Storyboard:
        e = sb.model_copy(deep=True)
        s = e.scenes[EDITED]
        for k, v in change.items(): setattr(s, k, v(s) if callable(v) else v)
        return e
    line = sb.model_copy(deep=True)
    line.scenes[EDITED].lines[0].text = "We have to go before the tide turns."
    return {"prompt": edited(image_prompt="the beach at sunset, an upturned boat on the sand"),
            "seed": edited(seed=1234),
            "motion": edited(motion=Motion(kind="pan", direction="left", intensity=0.6)),
            "action +3 s": edited(action=lambda s: s.action + " The waves fold over the sand, one after another.",
                                  duration=lambda s: s.duration + 3.0),
            "one line": line,
            "unchanged": sb}


def test_edit_matrix(tmp_path):
    sb = storyboard(10)
    settings = dict(resolution="1080p", fps=30, quality="standard")
    cold_store = tmp_path / "cold"
    cold = render_in(cold_store, sb, tmp_path / "cold.mp4", settings)
    rows = {}
    for name, e in edits(sb).items():
        data = tmp_path / f"store-{len(rows)}"
        shutil.copytree(cold_store, data)
        rows[name] = render_in(data, e, tmp_path / f"edit{len(rows)}.mp4", settings)
        shutil.rmtree(data)
    sid = sb.scenes[EDITED].id
    print(f"\nedit bench: {len(sb.scenes)} scenes, {cold['duration']:.1f} s at 1080p30, {os.cpu_count()} cores; each edit re-rendered "
          f"from a copy of the cold store (scene {EDITED + 1}, {sid})\n"
          f"  {'render':<12} {'wall s':>7} {'% cold':>7} {'CPU s':>7} {'% cold':>7}  loudness  steps run; of them, made as before and copied")
    print(f"  {'cold':<12} {cold['seconds']:7.2f} {'':>7} {cold['cpu']:7.2f} {'':>7}  {cold['loudness']['integrated']:6.2f}    {cold['ran']}")
    for name, r in rows.items():
        print(f"  {name:<12} {r['seconds']:7.2f} {r['seconds'] / cold['seconds']:7.1%} {r['cpu']:7.2f} {r['cpu'] / cold['cpu']:7.1%}"
              f"  {r['loudness']['integrated']:6.2f}    {r['ran']}; {r['same'] or 'none'}")
    for name, r in rows.items():
        print(f"  {name}: " + ", ".join(f"{k}@{s or 'film'}" for k, s in r["steps"]))
    # structure, not timing: nothing re-runs unchanged; an edit never re-draws another scene's own piece
    assert rows["unchanged"]["ran"] == {}
    neighbours = {sb.scenes[EDITED - 1].id, sid} # a transition piece is keyed by the scene it leaves
    for name, r in rows.items():
        segs = [s for k, s in r["steps"] if k == "segment"]
        assert set(segs) <= neighbours, (name, segs)
        if name != "unchanged": # the edited scene's piece, its two handles, its transition out; and the transition into it
            assert segs.count(sid) == 4 and segs.count(sb.scenes[EDITED - 1].id) == 1, (name, segs)
    for name in ("prompt", "seed", "motion"): # pictures only: no sound step runs
        assert {k for k, _ in rows[name]["steps"]} == {"segment", "final"}, (name, rows[name]["steps"])
    part = (EDITED // PART_SCENES) * PART_SCENES
    for name in ("action +3 s", "one line"):
        steps = rows[name]["steps"]
        # the one section covering the edited scene; its block and the next (which holds the crossfade out of it); the film's mix
        assert [s for k, s in steps if k == "music"] == [sb.scenes[part].id], (name, steps)
        assert [s for k, s in steps if k == "mix"] == [sb.scenes[part].id, sb.scenes[part + PART_SCENES].id, None], (name, steps)
    # a new line leaves the scene as long, and nobody speaks in its dissolve out: the score's section, that dissolve and the
    # handle under it are made from the same things as before, and copied
    assert rows["one line"]["same"] == dict(music=1, segment=2), rows["one line"]["same"]
    assert all(not rows[name]["same"] for name in ("prompt", "seed", "motion", "action +3 s")), {n: r["same"] for n, r in rows.items()}
    for r in (cold, *rows.values()): # the film's mix is aimed before it is encoded: on target, whatever an edit changed
        assert abs(r["loudness"]["integrated"] + 14) <= 0.1, r["loudness"]
