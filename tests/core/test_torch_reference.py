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
    with_state = any("state" in r for r in ref["runs"])
    ours = export.to_dict(run_scene(load_scene(path), state=with_state))
    assert ours["params"] == ref["params"]
    assert [r["label"] for r in ours["runs"]] == [r["label"] for r in ref["runs"]]
    for mine, theirs in zip(ours["runs"], ref["runs"], strict=True):
        label = mine["label"]
        assert mine["status"] == theirs["status"], label
        assert mine["step"] == theirs["step"], label
        for key in ("x", "y", "loss", "lr"):
            close(mine[key], theirs[key])
        if "evals" in theirs:
            assert mine["evals"] == theirs["evals"], label
        assert ("trials" in mine) == ("trials" in theirs), label
        if "trials" in theirs:
            assert mine["trials"]["step"] == theirs["trials"]["step"], label
            close(mine["trials"]["x"], theirs["trials"]["x"])
            close(mine["trials"]["y"], theirs["trials"]["y"])
        if theirs["swa"] is None:
            assert mine["swa"] is None, label
        else:
            assert mine["swa"]["n"] == theirs["swa"]["n"], label
            close([mine["swa"][k] for k in ("x", "y", "loss")],
                  [theirs["swa"][k] for k in ("x", "y", "loss")])
        if with_state:
            assert sorted(mine["state"]) == sorted(theirs["state"]), label
            for name, column in theirs["state"].items():
                close_state(mine["state"][name], column)


def close_state(ours, ref):
    """A state column: numbers or [x, y] pairs, None where torch has no such state."""
    assert [v is None for v in ours] == [v is None for v in ref]
    pairs = [(a, b) for a, b in zip(ours, ref, strict=True) if b is not None]
    for part in (0, 1) if pairs and isinstance(pairs[0][1], list) else (None,):
        pick = (lambda v: v) if part is None else (lambda v, i=part: v[i])
        close([pick(a) for a, _ in pairs], [pick(b) for _, b in pairs])


def test_state_references_cover_every_optimizer():
    names = set()
    for path in SCENES:
        ref = json.loads((DATA / "torch" / f"{path.stem}.json").read_text(encoding="utf-8"))
        names |= {name for r in ref["runs"] for name in r.get("state", {})}
    assert names >= {"momentum_buffer", "step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq",
                     "square_avg", "grad_avg", "sum", "acc_delta", "mu_product", "exp_inf",
                     "func_evals", "n_iter", "d", "t", "H_diag", "prev_flat_grad",
                     "prev_loss"}


def test_lbfgs_references_cover_line_search_swarms_batches_and_clipping():
    runs = {}
    for path in SCENES:
        ref = json.loads((DATA / "torch" / f"{path.stem}.json").read_text(encoding="utf-8"))
        scene = load_scene(path)
        for spec in scene.runs:
            if spec.optimizer == "lbfgs":
                runs[(path.stem, spec.label)] = spec
        assert all(("trials" in r) == ("evals" in r and r["trials"] is not None)
                   for r in ref["runs"] if "trials" in r)
    specs = list(runs.values())
    assert len({stem for stem, _ in runs}) >= 3
    assert any(s.hyper.get("line_search_fn") == "strong_wolfe" for s in specs)
    assert any(s.size > 1 and s.batch_size for s in specs)
    assert any(s.hyper.get("max_iter") == 1 and s.hyper.get("history_size", 100) <= 10
               for s in specs)
    assert {k for s in specs if s.clip for k in s.clip} >= {"norm", "value"}
