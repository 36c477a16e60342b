"""The render plan: steps as records, the manifest lists exactly them, any process runs a step from its record alone,
and no stage module imports another."""
import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VIDEOGEN = str(Path(sys.executable).parent / "videogen")
FAST = ["--resolution", "480p", "--quality", "draft"]

# Each stage's modules: its offline default and its model families. A module may import its own stage's modules.
STAGE_MODULES = dict(script={"script", "llm"}, image={"image", "sets", "diffusion"}, animate={"animate", "animatediff"},
                     voice={"voice", "tts", "piper"}, music={"music", "musicgen"}, lipsync={"lipsync", "wav2lip"},
                     captions={"captions"}, assemble={"assemble"})


def videogen(*args, check=True, **kw):
    r = subprocess.run([VIDEOGEN, *map(str, args)], capture_output=True, text=True, timeout=600, **kw)
    if check: assert r.returncode == 0, r.stderr
    return r


def imported_modules(path: Path) -> set[str]:
    "The videogen modules a file imports, at the top or inside functions."
    out = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            if node.level == 1: out |= {mod.split(".")[0]} if mod else {a.name for a in node.names}
            elif mod.startswith("videogen."): out.add(mod.split(".")[1])
            elif mod == "videogen": out |= {a.name for a in node.names}
        elif isinstance(node, ast.Import):
            out |= {a.name.split(".")[1] for a in node.names if a.name.startswith("videogen.")}
    return out


def test_no_stage_module_imports_another_stage():
    stage_of = {m: k for k, ms in STAGE_MODULES.items() for m in ms}
    bad = []
    for mod, stage in stage_of.items():
        for other in imported_modules(ROOT / "videogen" / f"{mod}.py"):
            if stage_of.get(other, stage) != stage: bad.append(f"videogen.{mod} ({stage}) imports videogen.{other} ({stage_of[other]})")
    assert not bad, "\n".join(bad)


def test_the_import_check_sees_relative_absolute_and_local_imports(tmp_path):
    f = tmp_path / "m.py"
    f.write_text("from .image import Layers\nfrom videogen.voice import Voice\ndef f():\n    import videogen.music\n    from videogen import captions\n")
    assert imported_modules(f) == {"image", "voice", "music", "captions"}


@pytest.mark.slow
def test_plan_lists_every_step_and_the_manifest_holds_exactly_them(examples, tmp_path):
    script, data = examples / "last_train.fountain", tmp_path / "data"
    planned = json.loads(videogen("plan", script, "--json", *FAST, "--data-dir", data).stdout)["steps"]
    kinds = [s["kind"] for s in planned]
    assert set(kinds) == {"voice", "segment", "music", "mix", "captions", "final"} and kinds[-1] == "final"
    assert all(set(s) == {"kind", "scene", "key", "inputs", "outputs", "stored"} and not s["stored"] for s in planned)
    known = set()
    for s in planned:  # each step comes after every step it reads
        assert set(s["inputs"]) <= known, s
        known.add(s["key"])
    table = videogen("plan", script, *FAST, "--data-dir", data).stdout
    assert f"{len(planned)} steps, 0 stored" in table and "to run" in table
    videogen("render", script, "-o", tmp_path / "train.mp4", *FAST, "-q", "--data-dir", data)
    manifest = json.loads((tmp_path / "train.json").read_text())
    assert [{k: s[k] for k in ("kind", "scene", "key", "inputs", "outputs")} for s in manifest["steps"]] == \
           [{k: s[k] for k in ("kind", "scene", "key", "inputs", "outputs")} for s in planned]
    assert manifest["output"]["key"] == planned[-1]["key"]
    after = json.loads(videogen("plan", script, "--json", *FAST, "--data-dir", data).stdout)["steps"]
    assert [s["key"] for s in after] == [s["key"] for s in planned] and all(s["stored"] for s in after)


SCRIPT = """EXT. PIER - NIGHT

Rain on the boards. A lamp swings.

MAYA
We're late.

THEO
We're always late.

DISSOLVE TO:

INT. TICKET OFFICE - NIGHT

A kettle, a radio, a wall of keys.

MAYA
One ticket, please.

FADE OUT.
"""


@pytest.mark.slow
def test_steps_run_one_by_one_in_fresh_processes_make_the_same_video(tmp_path):
    script = tmp_path / "pier.fountain"; script.write_text(SCRIPT)
    options = [*FAST, "--captions", "burn"]
    records = json.loads(videogen("plan", script, "--json", "--full", *options, "--data-dir", tmp_path / "a").stdout)["steps"]
    videogen("render", script, "-o", tmp_path / "pier.mp4", *options, "-q", "--data-dir", tmp_path / "a")
    assert json.loads((tmp_path / "pier.json").read_text())["output"]["key"] == records[-1]["key"]
    # each step from its record alone, in a fresh process, against a store that holds nothing yet
    for i, rec in enumerate(records):
        f = tmp_path / f"step-{i:02d}.json"
        f.write_text(json.dumps({k: v for k, v in rec.items() if k != "stored"}))
        out = videogen("step", f, "--data-dir", tmp_path / "b").stdout
        assert out.startswith(f"{rec['kind']} {rec['key']}  computed"), out
    from videogen.store import Store
    made = Store(tmp_path / "b").objects.path(records[-1]["key"], "mp4")
    assert made.read_bytes() == (tmp_path / "pier.mp4").read_bytes()


def test_a_step_whose_inputs_are_not_stored_says_so(tmp_path):
    script = tmp_path / "s.txt"; script.write_text("MAYA: Hello.\n")
    records = json.loads(videogen("plan", script, "--json", "--full", *FAST, "--data-dir", tmp_path / "a").stdout)["steps"]
    final = tmp_path / "final.json"; final.write_text(json.dumps(records[-1]))
    r = videogen("step", final, "--data-dir", tmp_path / "a", check=False)
    assert r.returncode == 2 and "is not stored" in r.stderr and "Traceback" not in r.stderr, r.stderr
    changed = dict(records[0], params=dict(records[0]["params"], text="Goodbye."))
    (tmp_path / "changed.json").write_text(json.dumps(changed))
    r = videogen("step", tmp_path / "changed.json", "--data-dir", tmp_path / "a", check=False)
    assert r.returncode == 2 and "does not match its content" in r.stderr, r.stderr


@pytest.mark.slow
def test_reproduce_renders_the_same_video_from_its_manifest_alone(tmp_path):
    # (espeak-ng's breathy variants, f2, f3 and f5, are not bit-reproducible: this film's voices are other ones)
    script = tmp_path / "pier.fountain"; script.write_text(SCRIPT)
    out = tmp_path / "pier.mp4"
    videogen("render", script, "-o", out, *FAST, "--narrator", "-q", "--data-dir", tmp_path / "a")
    r = videogen("reproduce", tmp_path / "pier.json", "-q", "--data-dir", tmp_path / "b")  # an empty store: every step made again
    assert r.stdout.startswith("identical:"), r.stdout
    assert (tmp_path / "pier-reproduced.mp4").read_bytes() == out.read_bytes()
    m = json.loads((tmp_path / "pier.json").read_text())
    m["hashes"]["video"][0] = "0" * 32
    (tmp_path / "changed.json").write_text(json.dumps(m))
    r = videogen("reproduce", tmp_path / "changed.json", "-o", tmp_path / "again.mp4", "-q", "--data-dir", tmp_path / "b", check=False)
    assert r.returncode == 1 and r.stdout.startswith(f"scenes {m['pieces'][0]['scene']} differ"), r.stdout


def test_a_scene_whose_voices_outlast_ten_minutes_is_refused_not_cut():
    from videogen.core import Line, Scene
    from videogen.plan import PlanError, scene_timing
    sc = Scene(id="long", lines=[Line(character="a", text="words")] * 200)
    assert scene_timing(sc, [2.5] * 200, 24)[0] > 500
    with pytest.raises(PlanError, match="at most 600 s"):
        scene_timing(sc, [3.5] * 200, 24)
