"""The installed `videogen` command, run as a user runs it."""
import json, os, shutil, subprocess, sys
from pathlib import Path

VIDEOGEN = shutil.which("videogen", path=str(Path(sys.executable).parent)) or "videogen"

def run(*args, cwd=None):
    return subprocess.run([VIDEOGEN, *args], capture_output=True, text=True, cwd=cwd, timeout=60)

def test_help_lists_commands():
    r = run("--help")
    assert r.returncode == 0 and "parse" in r.stdout

def test_parse_json(examples):
    r = run("parse", str(examples / "last_train.fountain"), "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["title"] == "The Last Train"
    assert [c["name"] for c in d["characters"]] == ["Maya", "Theo", "Radio", "June"]
    s = d["scenes"][0]
    assert s["heading"] == "EXT. COUNTRY STATION - NIGHT" and s["duration"] == 14.8
    assert s["lines"][0]["character"] == "maya" and s["lines"][0]["text"] == "No. No, no, no."

def test_parse_table(examples):
    r = run("parse", str(examples / "lighthouse.txt"))
    assert r.returncode == 0
    assert "The Lighthouse" in r.stdout and "Chapter 2" in r.stdout and "Edgar" in r.stdout

def test_style_and_seed_options(examples):
    a = json.loads(run("parse", str(examples / "coffee_shop.txt"), "--json", "--style", "anime", "--seed", "7").stdout)
    assert a["settings"]["style"] == "anime" and a["scenes"][0]["image_prompt"].startswith("anime key visual")
    b = json.loads(run("parse", str(examples / "coffee_shop.txt"), "--json").stdout)
    assert a["scenes"][0]["seed"] != b["scenes"][0]["seed"]

def test_user_errors_are_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "bad.fountain"
    bad.write_text("INT. A - DAY\n\n/* never closed\n")
    r = run("parse", str(bad))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "Unterminated boneyard" in r.stderr and "line 3" in r.stderr
    r = run("parse", str(tmp_path / "missing.txt"))
    assert r.returncode == 2 and "not found" in r.stderr
    r = run("parse", str(bad), "--style", "vaporwave")
    assert r.returncode == 2 and "style" in r.stderr and "Traceback" not in r.stderr

def test_bad_option_value_is_a_usage_error(examples):
    r = run("parse", str(examples / "coffee_shop.txt"), "--format", "docx")
    assert r.returncode == 2 and "docx" in r.stderr

def test_settings_ini_in_the_working_folder_applies(examples, tmp_path):
    (tmp_path / "settings.ini").write_text("[render]\nstyle = comic\nseed = 3\n")
    d = json.loads(run("parse", str(examples / "coffee_shop.txt"), "--json", cwd=tmp_path).stdout)
    assert (d["settings"]["style"], d["settings"]["seed"]) == ("comic", 3)
    d = json.loads(run("parse", str(examples / "coffee_shop.txt"), "--json", "--style", "noir", cwd=tmp_path).stdout)
    assert (d["settings"]["style"], d["settings"]["seed"]) == ("noir", 3)

def test_parse_shows_traits_and_what_the_painter_reads(examples):
    r = subprocess.run([VIDEOGEN, "parse", str(examples / "last_train.fountain")], capture_output=True, text=True, timeout=60,
                       env=dict(os.environ, COLUMNS="200")) # wide enough that no cell wraps
    assert r.returncode == 0, r.stderr
    assert "8, female, yellow coat" in r.stdout and "carries a lantern" in r.stdout
    assert "place: office; time: night; mood: cramped; props: kettle, radio, keys" in r.stdout

def test_a_script_without_speech_is_told_of_the_narrator_and_its_video_named_after_it(tmp_path):
    script = tmp_path / "scripts" / "walk.txt"
    script.parent.mkdir()
    script.write_text("The fog lifts over the harbour. A boat slips out before dawn.\n\nBy noon the sea is empty and bright.\n")
    r = subprocess.run([VIDEOGEN, "render", str(script), "--resolution", "480p", "--quality", "draft", "--timeline", "none", "--quiet"],
                       capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "has no spoken lines" in r.stderr and "--narrator" in r.stderr
    assert (tmp_path / "walk.mp4").stat().st_size > 0 and (tmp_path / "walk.json").exists() # no -o: the script's name, here

def test_a_storyboard_printed_as_json_is_edited_and_rendered(examples, tmp_path):
    "What `parse --json` prints is a script too: edited by hand, it renders as it says; a mistake in it names its field."
    from videogen.media import probe
    sb = json.loads(run("parse", str(examples / "last_train.fountain"), "--json").stdout)
    sb["scenes"] = sb["scenes"][:2]
    sb["scenes"][0]["image_prompt"] = "a lighthouse in a storm, oil painting"
    sb["scenes"][1]["lines"][0]["text"] = "Not tonight."
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(sb, indent=2))
    again = json.loads(run("parse", str(edited), "--json").stdout)
    assert [s["id"] for s in again["scenes"]] == [s["id"] for s in sb["scenes"]] and again["scenes"][1]["lines"][0]["text"] == "Not tonight."
    r = subprocess.run([VIDEOGEN, "render", str(edited), "-o", str(tmp_path / "film.mp4"), "--resolution", "480p", "--quality", "draft",
                        "--data-dir", str(tmp_path / "store"), "-q"], capture_output=True, text=True, timeout=300,
                       env={**os.environ, "VIDEOGEN_BACKENDS_VOICE": "espeak"})
    assert r.returncode == 0, r.stderr
    made = json.loads((tmp_path / "film.json").read_text())["storyboard"]
    assert made["scenes"][0]["image_prompt"] == "a lighthouse in a storm, oil painting"
    assert abs(probe(tmp_path / "film.mp4")["duration"] - sum(s["duration"] for s in made["scenes"]) + made["scenes"][0]["transition"]["duration"]) < 0.1
    sb["scenes"][1]["lines"][0]["character"] = "nobody"
    edited.write_text(json.dumps(sb, indent=2))
    r = run("parse", str(edited))
    assert r.returncode == 2 and "unknown character 'nobody'" in r.stderr and "Traceback" not in r.stderr
    edited.write_text(json.dumps(sb, indent=2)[:-40])
    r = run("parse", str(edited))
    assert r.returncode == 2 and "not well-formed at line" in r.stderr
