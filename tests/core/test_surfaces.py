"""Surfaces: the built-in library, data surfaces, CSV loading."""

import importlib.util
import json
import math
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from gdstudio.core import surfaces as surfaces_module
from gdstudio.core.errors import DataError, FormulaError, GdError
from gdstudio.core.formula import compile_formula
from gdstudio.core.surfaces import (
    BUILTINS,
    Minimum,
    Surface,
    UnknownSurfaceError,
    builtin_surface,
    describe,
    formula_surface,
    load_csv,
)
from gdstudio.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]
NON_SMOOTH_AT_MINIMUM = {"ackley"}
MINIMA = [(name, i) for name, d in BUILTINS.items() for i in range(len(d.minima))]
ARTICLE = {"sphere", "rosenbrock", "himmelblau", "beale", "booth", "rastrigin", "ackley",
           "goldstein_price", "six_hump_camel", "three_hump_camel", "matyas", "levi13",
           "styblinski_tang", "mccormick", "easom", "ravine", "saddle", "monkey_saddle",
           "local_global", "flat_sharp", "linear_regression", "logistic_regression"}


@pytest.fixture(scope="module")
def surfaces():
    return {name: builtin_surface(name) for name in BUILTINS}


def f64(a):
    return float(np.asarray(a))


# --- the library ------------------------------------------------------------------------

def test_the_library_has_every_surface_the_article_uses():
    assert ARTICLE <= set(BUILTINS)


@pytest.mark.parametrize("name", list(BUILTINS))
def test_builtin_compiles_and_is_self_consistent(name, surfaces):
    d, s = BUILTINS[name], surfaces[name]
    compile_formula(d.expr, params=d.params, columns=tuple(s.data or ()))
    assert isinstance(s, Surface) and s.name == name and s.expr == d.expr
    assert s.params == d.params and s.bounds == d.bounds and s.minima == d.minima
    (x0, x1), (y0, y1) = s.bounds
    assert x0 < x1 and y0 < y1
    assert d.description and "\n" not in d.description and len(d.description) <= 120
    sx, sy = d.default_start
    assert x0 < sx < x1 and y0 < sy < y1
    assert np.isfinite(f64(s.loss(sx, sy))) and np.isfinite(s.grad(sx, sy)).all()
    kinds = [m.kind for m in d.minima]
    assert kinds == sorted(kinds), "global minima are listed first"
    if d.minima:
        assert kinds[0] == "global"
    for m in d.minima:
        assert x0 <= m.point[0] <= x1 and y0 <= m.point[1] <= y1
    assert (s.data is None) == (d.data is None) == (s.n_samples is None)


@pytest.mark.parametrize(("name", "i"), MINIMA, ids=[f"{n}-{i}" for n, i in MINIMA])
def test_listed_minimum_is_a_minimum_to_full_precision(name, i, surfaces):
    s = surfaces[name]
    m = s.minima[i]
    x, y = m.point
    assert f64(s.loss(x, y)) == pytest.approx(m.value, rel=1e-13, abs=1e-13)
    if name in NON_SMOOTH_AT_MINIMUM:
        t = np.linspace(0, 2 * np.pi, 64, endpoint=False)
        for r in (1e-9, 1e-6, 1e-3):
            assert (s.loss(x + r * np.cos(t), y + r * np.sin(t)) > m.value).all()
        return
    gx, gy = s.grad(x, y)
    hxx, hxy, hyy = (f64(h) for h in s.hessian(x, y))
    assert hxx > 0 and hxx * hyy - hxy * hxy > 0, "positive definite Hessian"
    assert math.hypot(f64(gx), f64(gy)) <= 1e-12 * max(1.0, abs(hxx) + abs(hyy))
    step = np.linalg.solve([[hxx, hxy], [hxy, hyy]], [f64(gx), f64(gy)])
    assert np.abs(step).max() <= 1e-14 * max(1.0, abs(x), abs(y)), \
        "one Newton step from the listed point moves less than round-off"


@pytest.mark.parametrize("name", [n for n, d in BUILTINS.items() if d.minima])
def test_global_minima_are_lowest_and_locals_are_higher(name, surfaces):
    s = surfaces[name]
    glob = [m.value for m in s.minima if m.kind == "global"]
    assert max(glob) - min(glob) <= 1e-12 * max(1.0, abs(glob[0]))
    for m in s.minima:
        if m.kind == "local":
            assert m.value > glob[0] + 1e-3
    _, _, z = s.grid(n=301)
    assert z.min() >= glob[0] - 1e-12 * max(1.0, abs(glob[0]))


def test_article_minima_facts(surfaces):
    assert len(BUILTINS["himmelblau"].minima) == 4
    assert len(BUILTINS["six_hump_camel"].minima) == 2
    for name in ("local_global", "flat_sharp"):
        assert [m.kind for m in BUILTINS[name].minima] == ["global", "local"]
    fs = surfaces["flat_sharp"]
    sharp, flat = fs.minima
    curv = [f64(fs.hessian(*m.point)[0]) for m in (sharp, flat)]
    assert curv[0] > 10 * curv[1], "the global minimum is the sharp one"
    assert flat.value - 0.2 < sharp.value < flat.value
    hxx, hxy, hyy = (f64(h) for h in surfaces["ravine"].hessian(0.0, 0.0))
    eig = np.linalg.eigvalsh([[hxx, hxy], [hxy, hyy]])
    assert eig.max() / eig.min() == pytest.approx(50)
    for name in ("saddle", "monkey_saddle"):
        assert BUILTINS[name].minima == ()
        assert np.array_equal(surfaces[name].grad(0.0, 0.0), [0.0, 0.0])
        assert "(0, 0)" in BUILTINS[name].description
    mc = BUILTINS["mccormick"].minima[0]
    assert mc.point == pytest.approx((0.5 - math.pi / 3, -0.5 - math.pi / 3), abs=1e-15)
    assert mc.value == pytest.approx(-math.sqrt(3) / 2 - math.pi / 3, abs=1e-15)


def test_minimum_kind_is_checked():
    assert Minimum((0.0, 0.0), 0.0).kind == "global"
    with pytest.raises(ValueError):
        Minimum((0.0, 0.0), 0.0, "best")


def test_unknown_builtin_names_close_matches():
    with pytest.raises(UnknownSurfaceError) as e:
        builtin_surface("rosenbrok")
    assert isinstance(e.value, GdError)
    assert '"rosenbrock"' in str(e.value) and "sphere" in str(e.value)
    with pytest.raises(UnknownSurfaceError):
        describe("nope")


def test_describe_is_json_and_does_not_need_compiling(surfaces):
    for name in BUILTINS:
        d = describe(name)
        assert set(d) == {"name", "expr", "params", "bounds", "minima", "description",
                          "data", "default_start"}
        assert json.loads(json.dumps(d)) == d
        assert describe(surfaces[name]) == d
    d = describe("himmelblau")
    assert len(d["minima"]) == 4 and d["minima"][0] == {"point": [3.0, 2.0], "value": 0.0,
                                                        "kind": "global"}
    assert describe("linear_regression")["data"] == "linear_regression.csv"
    assert describe("linear_regression")["params"] == ["w", "b"]
    assert describe("local_global")["minima"][1]["kind"] == "local"
    assert describe("sphere")["data"] is None


def test_with_bounds_changes_only_the_window(surfaces):
    s = surfaces["rosenbrock"]
    t = s.with_bounds([[0, 1], [0, 2]])
    assert t.bounds == ((0.0, 1.0), (0.0, 2.0)) and s.bounds == ((-2.0, 2.0), (-1.0, 3.0))
    assert t.minima == s.minima and f64(t.loss(0.3, 0.4)) == f64(s.loss(0.3, 0.4))
    with pytest.raises(GdError):
        s.with_bounds([[1, 0], [0, 1]])


# --- evaluation ---------------------------------------------------------------------------

def test_grid_shapes_and_ij_orientation(surfaces):
    s = surfaces["rosenbrock"]
    xs, ys, z = s.grid()
    assert xs.shape == ys.shape == (200,) and z.shape == (200, 200)
    assert (xs[0], xs[-1], ys[0], ys[-1]) == (-2.0, 2.0, -1.0, 3.0)
    xs, ys, z = s.grid(n=9, bounds=((-1.5, 1.0), (0.0, 2.5)))
    assert z.dtype == np.float64 and z.shape == (9, 9)
    for i in range(9):
        for j in range(9):
            assert z[i, j] == f64(s.loss(xs[i], ys[j]))
    assert not np.allclose(z, z.T)
    d = surfaces["linear_regression"]
    xs, ys, z = d.grid(n=5)
    assert z.shape == (5, 5) and z[4, 0] == f64(d.loss(xs[4], ys[0]))


def test_outputs_broadcast_to_the_inputs_shape(surfaces):
    for name in ("sphere", "ravine", "linear_regression"):
        s = surfaces[name]
        x = np.linspace(-1, 1, 6).reshape(2, 3)
        for out in (s.loss(x, 0.5), *s.grad(x, 0.5), *s.loss_and_grad(x, 0.5),
                    *s.hessian(x, 0.5)):
            assert out.shape == (2, 3) and out.dtype == np.float64
        assert np.shape(s.loss(0.1, 0.2)) == ()
        assert s.loss(np.zeros(0), np.zeros(0)).shape == (0,)
    c = formula_surface("3*x + 1", ((-1, 1), (-1, 1)))
    gx, gy = c.grad(np.zeros(4), 0.0)
    assert gx.tolist() == [3.0] * 4 and gy.tolist() == [0.0] * 4
    w = np.array([1.0, 2.0])
    out = formula_surface("x", ((-1, 1), (-1, 1))).loss(w, 0.0)
    out += 1
    assert w.tolist() == [1.0, 2.0], "results are never views of the inputs"


def test_loss_and_grad_agree_with_loss_and_grad(surfaces):
    rng = np.random.default_rng(0)
    for name in ("himmelblau", "logistic_regression", "flat_sharp"):
        s = surfaces[name]
        (x0, x1), (y0, y1) = s.bounds
        x, y = rng.uniform(x0, x1, 50), rng.uniform(y0, y1, 50)
        v, gx, gy = s.loss_and_grad(x, y)
        assert np.allclose(v, s.loss(x, y), rtol=1e-14, atol=0)
        assert np.allclose(np.stack([gx, gy]), np.stack(s.grad(x, y)), rtol=1e-14, atol=1e-300)


COLS = {"u": [0.0, 1.0, 2.5, -1.5, 4.0], "v": [1.0, 2.0, -1.0, 0.5, 3.0]}
PER_SAMPLE = "(w*u + b - v)**2 + 0.1*exp(w*u/4)*b**2"


def one_row_surface(k):
    u, v = COLS["u"][k], COLS["v"][k]
    return formula_surface(PER_SAMPLE.replace("u", f"({u!r})").replace("v", f"({v!r})"),
                           ((-2, 2), (-2, 2)), params=("w", "b"))


def test_data_surface_is_the_mean_of_the_per_sample_loss():
    s = formula_surface(PER_SAMPLE, ((-2, 2), (-2, 2)), params=("w", "b"), data=COLS)
    assert s.n_samples == 5 and s.data_name is None
    w, b = np.array([0.3, -1.2, 2.0]), np.array([0.7, 0.1, -0.4])
    rows = [one_row_surface(k) for k in range(5)]
    explicit = np.zeros_like(w)
    for u, v in zip(COLS["u"], COLS["v"], strict=True):
        explicit += (w * u + b - v) ** 2 + 0.1 * np.exp(w * u / 4) * b ** 2
    assert np.allclose(s.loss(w, b), explicit / 5, rtol=1e-14)
    for method in ("loss", "grad", "hessian"):
        got = np.array(getattr(s, method)(w, b))
        want = np.mean([np.array(getattr(r, method)(w, b)) for r in rows], axis=0)
        assert np.allclose(got, want, rtol=1e-13, atol=1e-15), method


def test_batch_grad_is_the_mean_of_per_row_gradients():
    s = formula_surface(PER_SAMPLE, ((-2, 2), (-2, 2)), params=("w", "b"), data=COLS)
    w, b = np.array([0.3, -1.2]), np.array([0.7, 0.1])
    rows = np.array([3, 0, 3, 4])
    want = np.mean([np.array(one_row_surface(k).grad(w, b)) for k in rows], axis=0)
    assert np.allclose(np.array(s.batch_grad(w, b, rows)), want, rtol=1e-13, atol=1e-15)
    full = np.array(s.batch_grad(w, b, np.arange(5)))
    assert np.allclose(full, np.array(s.grad(w, b)), rtol=1e-14, atol=1e-15)
    with pytest.raises(ValueError):
        s.batch_grad(w, b, np.array([], dtype=int))
    plain = formula_surface("x**2 + y", ((-1, 1), (-1, 1)))
    assert np.array_equal(plain.batch_grad(w, b, rows), plain.grad(w, b))


def test_builtin_batch_grad_matches_a_numpy_loop(surfaces):
    s = surfaces["linear_regression"]
    x, y = s.data["x"], s.data["y"]
    w, b = np.array([0.5, -2.0, 3.0]), np.array([1.0, 0.0, -3.0])
    rows = np.array([5, 17, 42, 0, 79, 17])
    gw = np.zeros(3)
    gb = np.zeros(3)
    for r in rows:
        res = w * x[r] + b - y[r]
        gw += 2 * res * x[r]
        gb += 2 * res
    got = s.batch_grad(w, b, rows)
    assert np.allclose(got[0], gw / len(rows), rtol=1e-13)
    assert np.allclose(got[1], gb / len(rows), rtol=1e-13)
    lr = s.loss(w, b)
    assert np.allclose(lr, [np.mean((wi * x + bi - y) ** 2) for wi, bi in zip(w, b)],
                       rtol=1e-14)


@pytest.mark.parametrize("chunk", [1, 3, 79, 80, 81, 500, 10**7])
def test_chunking_gives_the_same_numbers(chunk):
    s = builtin_surface("logistic_regression")
    m = s.n_samples
    rng = np.random.default_rng(1)
    x, y = rng.uniform(-4, 6, (7, 11)), rng.uniform(-5, 5, (7, 11))
    ref = [s.loss(x, y), *s.grad(x, y), *s.hessian(x, y), *s.batch_grad(x[0], y[0],
                                                                        np.arange(m)[::-3])]
    s.chunk_elements = chunk
    got = [s.loss(x, y), *s.grad(x, y), *s.hessian(x, y), *s.batch_grad(x[0], y[0],
                                                                        np.arange(m)[::-3])]
    for a, b in zip(ref, got, strict=True):
        if chunk >= m:
            assert np.array_equal(a, b), "whole rows per point: bit for bit"
        else:
            assert np.allclose(a, b, rtol=1e-13, atol=1e-16)
    one = [f64(s.loss(x[i, j], y[i, j])) for i in range(7) for j in range(11)]
    if chunk >= m:
        assert np.array_equal(np.array(one).reshape(7, 11), ref[0])


def test_a_big_grid_over_many_rows_stays_small():
    rng = np.random.default_rng(2)
    data = {"u": rng.normal(size=1000), "v": rng.normal(size=1000)}
    s = formula_surface("log(1 + exp(-v*(w*u + b)))", ((-3, 3), (-3, 3)), params=("w", "b"),
                        data=data)
    tracemalloc.start()
    try:
        xs, ys, z = s.grid(n=400)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert z.shape == (400, 400) and np.isfinite(z).all()
    assert peak < 100e6, f"peak {peak / 1e6:.0f} MB"
    i, j = 123, 321
    assert z[i, j] == pytest.approx(
        np.mean(np.log1p(np.exp(-data["v"] * (xs[i] * data["u"] + ys[j])))), rel=1e-12)


def test_logistic_regression_is_finite_over_its_window(surfaces):
    s = surfaces["logistic_regression"]
    d = s.data
    (w0, w1), (v0, v1) = s.bounds
    corners = [(a, b) for a in (w0, w1) for b in (v0, v1)]
    margin = max(np.abs(a * d["x1"] + b * d["x2"]).max() for a, b in corners)
    assert margin < 700, "exp(-margin) cannot overflow inside the window"
    _, _, z = s.grid(n=101)
    assert np.isfinite(z).all()
    xs = np.linspace(w0, w1, 31)
    gx, gy = np.meshgrid(xs, np.linspace(v0, v1, 31), indexing="ij")
    assert np.isfinite(np.array(s.hessian(gx, gy))).all()
    assert set(np.unique(d["label"])) == {0.0, 1.0}


def test_data_surfaces_never_expose_writable_data(surfaces):
    with pytest.raises(ValueError):
        surfaces["linear_regression"].data["x"][0] = 1.0


# --- formula_surface ------------------------------------------------------------------------

def test_formula_surface_with_a_csv(tmp_path):
    p = tmp_path / "pts.csv"
    p.write_text("# made up\nu,v\n0,1\n1,3\n2,5\n", encoding="utf-8")
    s = formula_surface("(w*u + b - v)**2", [[-5, 5], [-5, 5]], params=("w", "b"), data=p,
                        name="line")
    assert s.name == "line" and s.data_name == "pts.csv" and s.n_samples == 3
    assert f64(s.loss(2.0, 1.0)) == 0.0 and describe(s)["data"] == "pts.csv"
    assert describe(s)["minima"] == [] and describe(s)["default_start"] is None
    s2 = formula_surface("(w*u + b - v)**2", [[-5, 5], [-5, 5]], params=("w", "b"),
                         data=str(p))
    assert f64(s2.loss(0.0, 0.0)) == pytest.approx((1 + 9 + 25) / 3)


def test_formula_surface_problems(tmp_path):
    with pytest.raises(FormulaError) as e:
        formula_surface("(x*x + y)**2", ((-1, 1), (-1, 1)), data={"x": [1.0], "z": [2.0]})
    assert '"x"' in str(e.value) and "params" in str(e.value)
    with pytest.raises(FormulaError):
        formula_surface("(w*u - q)**2", ((-1, 1), (-1, 1)), params=("w", "b"),
                        data={"u": [1.0, 2.0]})
    with pytest.raises(DataError, match="no such data file"):
        formula_surface("w*u", ((-1, 1), (-1, 1)), params=("w", "b"),
                        data=tmp_path / "missing.csv")
    bad_data = [{"u": [1.0, np.nan]}, {"u": [1.0, 2.0], "v": [1.0]}, {"u": []},
                {"u": [[1.0]]}, {"1u": [1.0]}, {"u": ["a"]}]
    for data in bad_data:
        with pytest.raises(DataError):
            formula_surface("w*b", ((-1, 1), (-1, 1)), params=("w", "b"), data=data)
    for bounds in (((1, 0), (0, 1)), ((0, 1), (0, math.inf)), (0, 1)):
        with pytest.raises(GdError):
            formula_surface("x + y", bounds)
    for params in (("w", "w"), ("w",), ("w", "lambda"), ("w", "1b")):
        with pytest.raises(GdError):
            formula_surface("w", ((0, 1), (0, 1)), params=params)


# --- CSV ------------------------------------------------------------------------------------

def write(tmp_path, text, name="d.csv", raw=None):
    p = tmp_path / name
    if raw is not None:
        p.write_bytes(raw)
    else:
        p.write_text(text, encoding="utf-8", newline="")
    return p


def test_load_csv_reads_comments_blank_lines_crlf_bom_and_quotes(tmp_path):
    p = write(tmp_path, None, raw=b'\xef\xbb\xbf# c1\r\n\r\n "a" , b\r\n# mid\r\n1, 2.5e0\r\n'
                               b"-3,+4\r\n\r\n")
    cols = load_csv(p)
    assert list(cols) == ["a", "b"]
    assert cols["a"].tolist() == [1.0, -3.0] and cols["b"].tolist() == [2.5, 4.0]
    assert cols["a"].dtype == np.float64
    assert load_csv(str(p))["b"].tolist() == [2.5, 4.0]


CSV_ERRORS = [
    ("", "line 1", "empty"),
    ("\n\n", "line 1", "empty"),
    ("# only\n# comments\n", "line 2", "no header"),
    ("1,2\n3,4\n", "line 1", "header"),
    ("x,y\n", "line 1", "no data rows"),
    ("# c\nx,y\n1,2\n3,abc\n", "line 4", "column \"y\": not a number"),
    ("x,y\n1,2\n3\n", "line 3", "1 value, but the header (line 1) names 2 columns"),
    ("x,y\n1,2,3\n", "line 2", "3 values"),
    ("x,x\n1,2\n", "line 1", "columns 1 and 2 of the header have the same name \"x\""),
    ("x,my col\n1,2\n", "line 1", "column 2 of the header is not a name"),
    ("x,2y\n1,2\n", "line 1", "column 2 of the header is not a name"),
    ("x,lambda\n1,2\n", "line 1", "column 2 of the header is not a name"),
    ("x,\n1,2\n", "line 1", "column 2 of the header has no name"),
    ("x,y\n1,nan\n", "line 2", "\"nan\" is not a finite number"),
    ("x,y\n1,2\n-inf,2\n", "line 3", "\"-inf\" is not a finite number"),
    ("x,y\n1,\n", "line 2", "empty value"),
]


@pytest.mark.parametrize(("text", "line", "what"), CSV_ERRORS)
def test_load_csv_errors_name_the_file_and_the_line(tmp_path, text, line, what):
    p = write(tmp_path, text)
    with pytest.raises(DataError) as e:
        load_csv(p)
    msg = str(e.value)
    assert msg.startswith(f"{p}, {line}") and msg[len(f"{p}, {line}")] in ":,", msg
    assert what in msg, msg
    assert "\n" not in msg and "Traceback" not in msg


def test_load_csv_file_level_errors(tmp_path):
    with pytest.raises(DataError, match=r"nope\.csv: no such data file"):
        load_csv(tmp_path / "nope.csv")
    with pytest.raises(DataError, match="folder"):
        load_csv(tmp_path)
    p = write(tmp_path, None, raw=b"x,y\n1,2\n3,\xff\n")
    with pytest.raises(DataError, match=r"d\.csv, line 3: not UTF-8"):
        load_csv(p)


def test_load_csv_refuses_huge_and_binary_files_with_the_limit(tmp_path, monkeypatch):
    p = write(tmp_path, "x,y\n" + "1" * 140_000 + ",2\n")
    with pytest.raises(DataError, match=r"d\.csv, line 2: a value longer than 131,072 "
                                        r"characters"):
        load_csv(p)
    p = write(tmp_path, None, raw=b"x,y\n1,2\n" + b"\0" * 1000)
    with pytest.raises(DataError, match=r"d\.csv, line 3: a NUL byte; this is a binary file"):
        load_csv(p)
    big = tmp_path / "big.csv"
    with open(big, "wb") as f:
        f.truncate(2 * 2**30)                  # 2 GiB of NUL bytes, sparse on disk
    with pytest.raises(DataError, match=r"big\.csv: is 2\.0 GiB, more than the 32\.0 MiB that "
                                        r"can be read"):
        load_csv(big)
    monkeypatch.setattr(surfaces_module, "MAX_DATA_ROWS", 3)
    assert len(load_csv(write(tmp_path, "x\n1\n2\n3\n"))["x"]) == 3
    with pytest.raises(DataError, match=r"line 5: more than 3 data rows"):
        load_csv(write(tmp_path, "x\n1\n2\n3\n4\n"))
    with pytest.raises(DataError, match=r"line 2: not a line of comma-separated values"):
        load_csv(write(tmp_path, "x,y\n1,\r2\n"))


def test_load_csv_does_not_quote_a_file_that_is_not_csv(tmp_path):
    secret = "root:x:0:0:root:/root:/bin/bash"
    p = write(tmp_path, f"{secret}\ndaemon:x:1:1::/usr/sbin\n")
    with pytest.raises(DataError) as e:
        load_csv(p)
    assert str(e.value) == (f"{p}, line 1: not a numeric CSV with a header: column 1 of the "
                            "header is not a name a formula can use (letters, digits and _, "
                            "not starting with a digit, not a Python keyword)")
    with pytest.raises(DataError) as e:
        load_csv(write(tmp_path, "x,y\n1,2\n3,s3cr3t-token\n"))
    assert "s3cr3t" not in str(e.value) and "line 3, column \"y\": not a number" in str(e.value)


# --- shipped data -------------------------------------------------------------------------

@pytest.mark.parametrize("name", [d.data for d in BUILTINS.values() if d.data])
def test_shipped_data_files_say_where_they_come_from(name):
    path = resource_path("data", name)
    head = path.read_text(encoding="utf-8").splitlines()[:4]
    assert all(line.startswith("#") for line in head)
    text = " ".join(head).lower()
    assert "scripts/make_datasets.py" in text and "default_rng(" in text
    assert "synthetic" in text and "public domain" in text
    cols = load_csv(path)
    n = len(next(iter(cols.values())))
    assert 60 <= n <= 100


def test_shipped_data_files_are_what_the_script_generates():
    spec = importlib.util.spec_from_file_location("make_datasets",
                                                  ROOT / "scripts" / "make_datasets.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.main(["--check", "--out", str(resource_path("data"))]) == 0
    for name, solve in (("linear_regression", mod.linear_minimum),
                        ("logistic_regression", mod.logistic_minimum)):
        point, value = solve(resource_path("data", f"{name}.csv").read_text(encoding="utf-8"))
        m = BUILTINS[name].minima[0]
        assert m.point == point and m.value == value


def test_builtin_kernels_are_what_the_script_generates():
    spec = importlib.util.spec_from_file_location(
        "gen_builtin_kernels", ROOT / "scripts" / "gen_builtin_kernels.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.main(["--check"]) == 0


@pytest.mark.parametrize("name", BUILTINS)
def test_builtin_numpy_derivatives_equal_the_sympy_ones(name, surfaces):
    """The built-ins run on generated numpy code; typed formulas on the sympy compiler."""
    s = surfaces[name]
    typed = compile_formula(s.expr, params=s.params, columns=tuple(s.data or ()))
    (x0, x1), (y0, y1) = s.bounds
    rng = np.random.default_rng(7)
    x = rng.uniform(x0 - 1, x1 + 1, (40, 3))
    y = rng.uniform(y0 - 1, y1 + 1, (40, 3))
    cols = None if s.data is None else {k: v[:5] for k, v in s.data.items()}
    if cols is not None:
        x, y = x[..., None], y[..., None]
    for part in ("value", "grad", "value_and_grad", "hessian"):
        ours = getattr(s.formula, part)(x, y, cols)
        theirs = getattr(typed, part)(x, y, cols)
        for a, b in zip(np.atleast_1d(ours) if part == "value" else ours,
                        np.atleast_1d(theirs) if part == "value" else theirs, strict=True):
            assert a.shape == b.shape and a.dtype == np.float64
            scale = np.maximum(np.abs(b), 1.0)
            assert np.all(np.abs(a - b) <= 1e-12 * scale), (name, part)


def test_running_a_builtin_scene_does_not_import_sympy():
    code = ("import sys, gdstudio\n"
            "gdstudio.run_scene(gdstudio.load_scene(sys.argv[1]), steps=20)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sympy')[:3])\n")
    p = subprocess.run([sys.executable, "-c", code,
                        str(resource_path("scenes", "default.toml"))],
                       capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "[]"
