"""Shared fixtures: paths to the bundled examples."""
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

@pytest.fixture
def examples() -> Path:
    return EXAMPLES
