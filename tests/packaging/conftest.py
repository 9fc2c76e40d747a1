"""Fixtures for the packaging tests."""

import sys
from pathlib import Path

import pytest
from packaging_helpers import ROOT, ensure_tool, run


@pytest.fixture(scope="session")
def built_dists(tmp_path_factory) -> Path:
    """`python -m build` of this checkout: the sdist, and the wheel built from that sdist."""
    ensure_tool("build", "build>=1.2")
    out = tmp_path_factory.mktemp("dist")
    r = run([sys.executable, "-m", "build", "--outdir", out, ROOT], timeout=600)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    return out
