"""Headless renders through the papermill template, one at a time and in a batch with a broken script."""
import csv
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from videogen.media import probe

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "dashboards" / "render.ipynb"
VIDEOGEN = str(Path(sys.executable).parent / "videogen")
pm = pytest.importorskip("papermill")

SHORT = "MAYA: The last train left an hour ago.\nTOM: Then we walk.\n"


def test_papermill_runs_the_template_with_parameters(tmp_path):
    script = tmp_path / "night.txt"
    script.write_text(SHORT)
    out = tmp_path / "night.mp4"
    pm.execute_notebook(str(TEMPLATE), str(tmp_path / "run.ipynb"), cwd=str(TEMPLATE.parent), progress_bar=False, kernel_name="python3",
                        parameters=dict(script_path=str(script), output_path=str(out), resolution="480p", aspect="1:1", seed=5))
    info = probe(out)
    assert (info["video"]["width"], info["video"]["height"]) == (480, 480) and info["duration"] > 2
    nb = nbformat.read(tmp_path / "run.ipynb", as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and "aspect = \"1:1\"" in injected[0].source
    shown = [o for c in nb.cells for o in c.get("outputs", []) if "text/html" in o.get("data", {})]
    assert any("<video" in o["data"]["text/html"] for o in shown)  # the record shows the video


def test_batch_of_three_with_one_broken(tmp_path):
    good = []
    for name, text in (("one", SHORT), ("two", "INT. KITCHEN - DAY\n\nAnna waits.\n\nANNA\nWell?\n")):
        (tmp_path / f"{name}.txt").write_text(text)
        good.append(tmp_path / f"{name}.txt")
    broken = tmp_path / "broken.fountain"
    broken.write_bytes(b"\x00\x01\x02 not a script \xff\xfe")
    out = tmp_path / "out"
    r = subprocess.run([VIDEOGEN, "batch", str(good[0]), str(broken), str(good[1]), "-o", "out/", "--resolution", "480p"],
                       capture_output=True, text=True, timeout=600, cwd=tmp_path)  # a folder relative to where the command runs
    assert r.returncode == 1, r.stderr  # a batch with a failure says so in its exit status
    rows = list(csv.DictReader(open(out / "summary.csv")))
    assert [r_["status"] for r_ in rows] == ["completed", "failed", "completed"]
    assert "ScriptParsingError" in rows[1]["error"] and rows[1]["output"] == ""
    for row in (rows[0], rows[2]):
        assert probe(Path(row["output"]))["duration"] > 1 and Path(row["output"]).parent == out
        assert Path(row["notebook"]).exists()
    assert Path(rows[1]["notebook"]).exists()  # the failed run's notebook is its record too
    assert "broken.fountain" in r.stdout and "failed" in r.stdout and "2 of 3" in r.stdout


def test_the_readme_papermill_line_runs_as_written(tmp_path):
    line = next(l for l in (ROOT / "README.md").read_text().splitlines() if l.startswith("papermill dashboards/render.ipynb"))
    args = line.split("#")[0].split()
    for d in ("dashboards", "examples"): (tmp_path / d).symlink_to(ROOT / d)  # the repository's layout, in a scratch folder
    r = subprocess.run([str(Path(sys.executable).parent / "papermill"), *args[1:]], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    assert probe(tmp_path / "tale.mp4")["duration"] > 1 and (tmp_path / "run.ipynb").exists()
