"""Every reference scene equals what PyTorch computed for it (recorded once, see tests/data)."""

import json
from pathlib import Path

import numpy as np
import pytest

from gdstudio.core import export
from gdstudio.core.runner import run_scene
from gdstudio.core.scene import load_scene

DATA = Path(__file__).resolve().parents[1] / "data"
SCENES = sorted((DATA / "scenes").glob("*.toml"))
RTOL, ATOL = 1e-9, 1e-12


def close(ours, ref):
    a = np.array([np.nan if v is None else v for v in ours], dtype=float)
    b = np.array([np.nan if v is None else v for v in ref], dtype=float)
    assert a.shape == b.shape
    assert np.array_equal(np.isnan(a), np.isnan(b))
    ok = ~np.isnan(b)
    err = np.abs(a[ok] - b[ok])
    bound = RTOL * np.maximum(np.abs(a[ok]), np.abs(b[ok])) + ATOL
    bad = np.flatnonzero(err > bound)
    assert bad.size == 0, (f"first mismatch at row {bad[0]}: {a[ok][bad[0]]!r} vs "
                           f"torch {b[ok][bad[0]]!r}")


def test_reference_set_is_complete():
    assert len(SCENES) >= 40
    missing = [p.stem for p in SCENES if not (DATA / "torch" / f"{p.stem}.json").exists()]
    assert not missing


@pytest.mark.parametrize("path", SCENES, ids=lambda p: p.stem)
def test_scene_equals_torch(path):
    ref = json.loads((DATA / "torch" / f"{path.stem}.json").read_text(encoding="utf-8"))
    ours = export.to_dict(run_scene(load_scene(path)))
    assert ours["params"] == ref["params"]
    assert [r["label"] for r in ours["runs"]] == [r["label"] for r in ref["runs"]]
    for mine, theirs in zip(ours["runs"], ref["runs"], strict=True):
        label = mine["label"]
        assert mine["status"] == theirs["status"], label
        assert mine["step"] == theirs["step"], label
        for key in ("x", "y", "loss", "lr"):
            close(mine[key], theirs[key])
        if theirs["swa"] is None:
            assert mine["swa"] is None, label
        else:
            assert mine["swa"]["n"] == theirs["swa"]["n"], label
            close([mine["swa"][k] for k in ("x", "y", "loss")],
                  [theirs["swa"][k] for k in ("x", "y", "loss")])
