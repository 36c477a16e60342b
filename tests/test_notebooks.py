"""The notebooks are the source: the sync check must catch a hand edit of the generated package."""
import shutil, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def test_sync_check_catches_a_hand_edit(tmp_path):
    proj = tmp_path / "proj"
    for sub in ("nbs", "videogen", "tests", "dashboards"):
        shutil.copytree(ROOT / sub, proj / sub, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", proj)
    check = [sys.executable, str(proj / "tests" / "check_notebooks.py")]
    assert subprocess.run(check, capture_output=True).returncode == 0
    core = proj / "videogen" / "core.py"
    core.write_text(core.read_text() + "\n# edited by hand\n")
    r = subprocess.run(check, capture_output=True, text=True)
    assert r.returncode == 1 and "videogen/core.py" in r.stdout
