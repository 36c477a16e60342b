"""Real faults: damaged stored objects are found and made again; outputs never land on inputs; environment faults
are one line and exit 2; SIGTERM stops a render like Ctrl-C."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from videogen.core import RenderSettings
from videogen.db import JobRow
from videogen.media import ffmpeg_exe
from videogen.rendering import render
from videogen.script import parse_script
from videogen.store import Store

VIDEOGEN = str(Path(sys.executable).parent / "videogen")
SCRIPT = "EXT. PIER - NIGHT\n\nRain.\n\nMAYA\nWe're late.\n\nDISSOLVE TO:\n\nINT. CAFE - DAY\n\nCups.\n\nTHEO\nCoffee, please.\n"
FAST = RenderSettings(resolution="480p", quality="draft")


def decodes_to_the_end(path: Path) -> str:
    "What ffmpeg says decoding the whole file (empty when it decodes cleanly)."
    r = subprocess.run([ffmpeg_exe(), "-v", "error", "-i", str(path), "-f", "null", "-"], capture_output=True, text=True)
    return r.stderr.strip() or ("" if r.returncode == 0 else f"exit {r.returncode}")


def truncate(p: Path): p.write_bytes(p.read_bytes()[: p.stat().st_size // 2])
def zero(p: Path): p.write_bytes(bytes(p.stat().st_size))
def garble(p: Path):
    b = bytearray(p.read_bytes()); mid = len(b) // 2
    b[mid:mid + 64] = bytes(x ^ 0x5A for x in b[mid:mid + 64]); p.write_bytes(bytes(b))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    "A small film rendered once into a store, and the store."
    d = tmp_path_factory.mktemp("faults")
    store = Store(d / "data")
    sb = parse_script(SCRIPT, "fountain")
    r = render(sb, FAST, d / "film.mp4", store=store)
    return sb, store, r, d


@pytest.mark.parametrize("damage", [truncate, zero, garble])
@pytest.mark.parametrize("kind,ext", [("final", "mp4"), ("segment", "mp4"), ("voice", "wav"), ("mix", "mka")])
def test_a_damaged_stored_object_is_made_again(rendered, kind, ext, damage):
    sb, store, first, d = rendered
    key = next(s["key"] for s in first.steps if s["kind"] == kind and ext in s["outputs"])  # the film's mix, not a block
    damage(store.objects.path(key, ext))
    again = render(sb, FAST, d / "again.mp4", store=store)
    assert again.ran.get(kind) == 1, again.ran
    with store.session() as s: log = s.get(JobRow, again.job).log
    assert any("damaged" in e["message"] and key[:12] in e["message"] for e in log), log
    assert decodes_to_the_end(again.path) == ""
    assert store.objects.problem(key, ext, full=True) is None
    assert list((store.data_dir / "quarantine").glob(f"{key}.{ext}.*"))  # kept aside, not deleted


def test_store_verify_finds_and_repairs(rendered, tmp_path):
    sb, store, first, d = rendered
    key = next(s["key"] for s in first.steps if s["kind"] == "captions")
    garble(store.objects.path(key, "srt"))
    run = lambda *a: subprocess.run([VIDEOGEN, "store", "verify", *a, "--data-dir", str(store.data_dir)], capture_output=True, text=True)
    r = run()
    assert r.returncode == 1 and f"damaged {key}.srt" in r.stdout, r.stdout
    assert run("--repair").returncode == 0 and run().returncode == 0


def cli(*args, cwd=None):
    return subprocess.run([VIDEOGEN, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300)


def one_line_exit_2(r):
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    lines = [l for l in r.stderr.strip().splitlines() if l.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in r.stderr, r.stderr
    return lines[0]


@pytest.fixture
def script(tmp_path):
    p = tmp_path / "film.txt"
    p.write_text("MAYA: We're late.\nTHEO: We're always late.\n")
    return p


@pytest.mark.parametrize("out,says", [
    ("film.txt", "would overwrite the script"),     # the script itself
    ("outdir.mp4", "is in the way"),                 # a directory in the way
    ("renders/", "does not end in .mp4"),            # a directory path
    ("film.txt/v.mp4", "is not a folder"),           # under a regular file
    ("nowhere/v.mp4", "does not exist"),
    ("/proc/self/v.mp4", "under /proc"),
])
def test_bad_outputs_are_refused_and_the_script_kept(tmp_path, script, out, says):
    (tmp_path / "outdir.mp4").mkdir()
    before = script.read_bytes()
    line = one_line_exit_2(cli("render", script, "-o", out, "--data-dir", tmp_path / "data", cwd=tmp_path))
    assert says in line, line
    assert script.read_bytes() == before


@pytest.mark.parametrize("ext", [".json", ".srt", ".vtt"])
def test_a_sidecar_never_lands_on_the_script(tmp_path, ext):
    script = tmp_path / f"film{ext}"
    script.write_text("MAYA: We're late.\nTHEO: We're always late.\n")
    before = script.read_bytes()
    line = one_line_exit_2(cli("render", script, "--script-format", "dialogue", "-o", tmp_path / "film.mp4", "--data-dir", tmp_path / "data"))
    assert "would overwrite the script" in line, line
    assert script.read_bytes() == before and not (tmp_path / "film.mp4").exists()


def test_a_garbage_database_is_one_line_naming_it_and_how_to_recover(tmp_path, script):
    data = tmp_path / "data"; data.mkdir()
    (data / "videogen.db").write_bytes(os.urandom(4096))
    line = one_line_exit_2(cli("render", script, "-o", tmp_path / "v.mp4", "--data-dir", data))
    assert "videogen.db" in line and "move" in line and "objects are kept" in line, line


def test_an_unknown_database_url_names_the_setting(tmp_path, script, monkeypatch):
    monkeypatch.setenv("VIDEOGEN_DATABASE_URL", "nosuchdb://x/y")
    line = one_line_exit_2(cli("render", script, "-o", tmp_path / "v.mp4", "--data-dir", tmp_path / "data"))
    assert "database_url" in line, line


def test_a_data_dir_under_a_regular_file_is_one_line(tmp_path, script):
    line = one_line_exit_2(cli("render", script, "-o", tmp_path / "v.mp4", "--data-dir", script / "data"))
    assert "data folder" in line and str(script) in line, line


def _mount_tmpfs(path: Path, *opts: str) -> str | None:
    "Mount a small tmpfs at `path`; None when it worked, else why not."
    path.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join(opts), "tmpfs", str(path)], capture_output=True, text=True)
    return None if r.returncode == 0 else (r.stderr.strip() or f"mount exited {r.returncode}")


@pytest.mark.parametrize("opts,says", [(("size=2m",), "No space left on device"), (("ro", "size=1m"), "Read-only file system")])
def test_a_full_or_read_only_disk_is_one_line(tmp_path, script, opts, says):
    data = tmp_path / "disk"
    why = _mount_tmpfs(data, *opts)
    if why: pytest.skip(f"cannot mount a tmpfs here: {why}")
    try:
        r = cli("render", script, "-o", tmp_path / "v.mp4", "--resolution", "480p", "-q", "--data-dir", data / "store")
        line = one_line_exit_2(r)
        assert says in line or "cannot be used" in line, line
        assert not (tmp_path / "v.mp4").exists()
    finally:
        subprocess.run(["umount", str(data)])


def test_sigterm_stops_a_render_like_ctrl_c(tmp_path):
    script = tmp_path / "long.fountain"
    script.write_text("".join(f"EXT. ROAD {i} - DAY\n\nA long walk, mile after mile.\n\nMAYA\nStill walking, {i}.\n\n" for i in range(12)))
    data = tmp_path / "data"
    p = subprocess.Popen([VIDEOGEN, "render", str(script), "-o", str(tmp_path / "v.mp4"), "--resolution", "720p", "-q", "--data-dir", str(data)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    store = None
    for _ in range(600):  # until frames are being encoded
        if list((data / "objects").glob("*/.*.part.mp4")): break
        time.sleep(0.05)
    p.send_signal(signal.SIGTERM)
    out, err = p.communicate(timeout=60)
    assert p.returncode == 143, (p.returncode, err)
    assert "stopped" in err and "Traceback" not in err, err
    assert not (tmp_path / "v.mp4").exists()
    store = Store(data)
    with store.session() as s: job = s.scalars(select(JobRow)).one()
    assert job.status == "cancelled", (job.status, job.error)
    assert not list((data / "objects").glob("*/.*.part*"))  # no half-written objects left
    assert not list(tmp_path.glob(".*v*.mp4*"))  # nor a temporary video
    ps = subprocess.run(["pgrep", "-f", str(data)], capture_output=True, text=True)
    assert not ps.stdout.strip(), ps.stdout  # no ffmpeg left behind


def test_a_script_without_dialogue_renders_with_a_warning_to_use_the_narrator(tmp_path):
    script = tmp_path / "quiet.fountain"
    script.write_text("EXT. PIER - NIGHT\n\nRain hammers the boards. Nobody comes.\n")
    r = cli("render", script, "-o", tmp_path / "v.mp4", "--resolution", "480p", "--quality", "draft", "--data-dir", tmp_path / "data")
    assert r.returncode == 0, r.stderr
    assert r.stderr.count("no spoken lines") == 1 and "--narrator" in r.stderr and "no spoken lines" not in r.stdout, (r.stdout, r.stderr)


def test_a_film_past_the_length_bound_is_refused_before_any_work(tmp_path, monkeypatch):
    monkeypatch.setenv("VIDEOGEN_RENDER_MAX_MINUTES", "0.05")
    script = tmp_path / "s.txt"; script.write_text("MAYA: " + "We walk on. " * 40 + "\nTHEO: Yes.\n")
    line = one_line_exit_2(cli("render", script, "-o", tmp_path / "v.mp4", "-q", "--data-dir", tmp_path / "data"))
    assert "max_minutes" in line, line
    assert not list((tmp_path / "data" / "objects").glob("*/*.mp4"))


def test_an_unknown_videogen_variable_is_a_warning_not_a_failure(tmp_path, script, monkeypatch):
    monkeypatch.setenv("VIDEOGEN_COLOUR", "blue")
    r = cli("parse", script)
    assert r.returncode == 0 and "warning: Unknown environment variable VIDEOGEN_COLOUR" in r.stderr, r.stderr


def test_a_missing_extra_says_which_to_install(tmp_path, script):
    code = ("import sys; sys.modules['papermill'] = None\nfrom videogen.cli import main\n"
            f"sys.exit(main(['batch', {str(script)!r}, '-o', {str(tmp_path / 'out')!r}]))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    line = one_line_exit_2(r)
    assert "pip install 'scriptreel[notebook]'" in line, line


@pytest.mark.parametrize("line", ["THE GHOST OF CHRISTMAS YET TO COME AND ALL OF HIS FRIENDS: Boo.",
                                  "ANN (" + "whispering " * 25 + "): Boo."])
def test_a_cue_past_its_bound_is_said_not_dropped(tmp_path, line):
    script = tmp_path / "d.txt"
    script.write_text(f"ANN: Hi.\n{line}\nBOB: Bye.\n")
    r = cli("parse", script, "--format", "dialogue", "--json")
    assert r.returncode == 0, r.stderr
    assert "warning: Line 2:" in r.stderr and "read as action" in r.stderr, r.stderr
    sb = json.loads(r.stdout)
    assert "Boo." in " ".join(s["action"] for s in sb["scenes"])  # kept, as action


def test_a_missing_ffmpeg_names_the_setting(tmp_path, script, monkeypatch):
    monkeypatch.setenv("VIDEOGEN_FFMPEG", str(tmp_path / "no-ffmpeg"))
    line = one_line_exit_2(cli("render", script, "-o", tmp_path / "v.mp4", "-q", "--data-dir", tmp_path / "data"))
    assert "no-ffmpeg" in line and "videogen.ffmpeg" in line, line
