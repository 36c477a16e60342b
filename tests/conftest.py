"""Shared fixtures: paths to the bundled examples, and a fresh data folder (store) for every test."""
import os
from pathlib import Path
import pytest

# Renders speak with espeak-ng, the offline default, unless a test names another voice: with the `voices` extra
# installed, `auto` would choose Piper (tests/test_piper.py covers Piper, and that choice). Set for the whole
# session, so fixtures of every scope and the processes tests start see it.
os.environ["VIDEOGEN_BACKENDS_VOICE"] = "espeak"

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

@pytest.fixture
def examples() -> Path:
    return EXAMPLES

@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory, monkeypatch) -> Path:
    "Each test renders into its own store (never the user's), outside its tmp_path."
    d = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("VIDEOGEN_DATA_DIR", str(d))
    return d
