"""Check that the notebooks (and dashboards) are committed clean and that `videogen/` is exactly what they export.

Runs nbdev-clean and nbdev-export on a copy of the project and compares the copy with the working tree,
so it checks the files as they are (committed or not) and never changes them.
"""
import filecmp, shutil, subprocess, sys, tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

def differences(a: Path, b: Path) -> list[str]:
    "Relative paths that differ between two trees (ignoring caches)."
    out = []
    cmp = filecmp.dircmp(a, b, ignore=["__pycache__", ".ipynb_checkpoints"])
    def walk(c, rel):
        out.extend(str(rel / n) for n in c.left_only + c.right_only + c.diff_files)
        for n, sub in c.subdirs.items(): walk(sub, rel / n)
    walk(cmp, Path(a.name))
    return out

def main() -> int:
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        shutil.copy(ROOT / "pyproject.toml", tmp)
        for sub in ("nbs", "videogen"):
            shutil.copytree(ROOT / sub, tmp / sub, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
        shutil.copytree(ROOT / "dashboards", tmp / "dashboards", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        for cmd in (["nbdev-clean"], ["nbdev-clean", "--fname", "dashboards"], ["nbdev-export"]):
            subprocess.run([str(BIN / cmd[0]), *cmd[1:]], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
        bad = differences(ROOT / "nbs", tmp / "nbs") + differences(ROOT / "videogen", tmp / "videogen") + \
              differences(ROOT / "dashboards", tmp / "dashboards")
    if bad:
        print("Notebooks are not clean or videogen/ is out of sync with nbs/. Run `nbdev-clean && nbdev-export`.")
        print("\n".join(f"  {p}" for p in bad))
        return 1
    print("notebooks clean; videogen/ in sync with nbs/")
    return 0

if __name__ == "__main__":
    sys.exit(main())
