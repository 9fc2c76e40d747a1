"""Property tests: whatever text arrives, compile_formula raises FormulaError or returns a
formula whose evaluation gives float64 arrays without warnings; nothing runs, nothing hangs.

How many examples each test tries comes from the Hypothesis profile (tests/conftest.py):
a few hundred in ``make test``, thousands in ``make fuzz``."""

import ast
import math
import os
import tempfile
import uuid
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gdstudio.core.errors import FormulaError
from gdstudio.core.formula import ALLOWED_FUNCTIONS, compile_formula

FUZZ = settings(deadline=2000, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

GRID_X, GRID_Y = np.meshgrid(np.linspace(-2.5, 2.5, 5), np.linspace(-1.5, 3.0, 4))
COLS = {"a": np.array([0.5, -1.0, 2.0, 0.0, 3.0])}
CANARY = os.path.join(tempfile.gettempdir(), f"gdstudio-formula-canary-{uuid.uuid4().hex}")

TOKENS = [
    *"0123456789", "0.5", "1e308", "1e-320", "10", "1000", "9", "x", "y", "a", "pi", "e",
    *ALLOWED_FUNCTIONS, "sinn", "__import__", "open", "eval", "os", "np", "True", "None",
    "+", "-", "*", "/", "**", "//", "%", "^", "(", ")", "(", ")", ",", " ", ".", "[", "]",
    "'", '"', "lambda", ":", "=", "<", "j", "if", "else", "for", "in", "not", "and", "@",
    "{", "}", "\n", "\t", "é", "−", "#", "\\", "*x", "**-", "9**9**9",
]
token_text = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)

NAMES = ["x", "y", "a", "pi", "e", "z", "sinn", "open", "__import__", "os", "X", "ln",
         "print", *ALLOWED_FUNCTIONS]
FUNCS = [*ALLOWED_FUNCTIONS, *ALLOWED_FUNCTIONS, "open", "__import__", "eval", "exec",
         "getattr", "sinn", "x", "pow"]
ALLOWED_BINOPS = [ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow]
OTHER_BINOPS = [ast.FloorDiv, ast.Mod, ast.MatMult, ast.BitXor, ast.BitOr, ast.LShift]

numbers = st.one_of(
    st.integers(-3, 12), st.integers(-10**400, 10**400),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.sampled_from([0.5, 1e-300, 1e300, 2.5, 1000, 1001, 0, 10**308]))
odd_constants = st.one_of(st.booleans(), st.complex_numbers(max_magnitude=10),
                          st.text(max_size=5), st.just(None), st.just(...),
                          st.binary(max_size=3))


def _const(v):
    if isinstance(v, (int, float)) and not isinstance(v, bool) and v < 0:
        return ast.UnaryOp(ast.USub(), ast.Constant(-v))
    return ast.Constant(v)


leaves = st.one_of(
    numbers.map(_const), numbers.map(_const),
    st.sampled_from(NAMES).map(lambda n: ast.Name(n, ast.Load())),
    st.sampled_from(["x", "y", "a"]).map(lambda n: ast.Name(n, ast.Load())),
    odd_constants.map(ast.Constant),
)


def _call(name, args, kw):
    return ast.Call(ast.Name(name, ast.Load()), args,
                    [ast.keyword("k", args[0])] if kw and args else [])


CANARY_CALLS = [ast.parse(text, mode="eval").body for text in (
    f"open({CANARY!r}, 'w')",
    f"__import__('os').system('touch {CANARY}')",
    f"eval(\"open({CANARY!r}, 'w')\")",
    f"(lambda: open({CANARY!r}, 'w'))()",
)]


def _extend(children):
    allowed = st.one_of(
        st.builds(ast.BinOp, children, st.sampled_from(ALLOWED_BINOPS).map(lambda o: o()),
                  children),
        st.builds(ast.UnaryOp, st.sampled_from([ast.USub(), ast.UAdd()]), children),
        st.builds(_call, st.sampled_from(FUNCS), st.lists(children, min_size=1, max_size=3),
                  st.booleans().map(lambda b: b and False)),
    )
    odd = st.one_of(
        st.builds(ast.BinOp, children, st.sampled_from(OTHER_BINOPS).map(lambda o: o()),
                  children),
        st.builds(ast.UnaryOp, st.sampled_from([ast.Not(), ast.Invert()]), children),
        st.builds(_call, st.sampled_from(FUNCS), st.lists(children, min_size=1, max_size=2),
                  st.booleans()),
        st.builds(ast.Compare, children, st.just([ast.Lt()]), st.lists(children, min_size=1,
                                                                       max_size=1)),
        st.builds(lambda v: ast.Attribute(v, "real", ast.Load()), children),
        st.builds(lambda v, i: ast.Subscript(v, i, ast.Load()), children, children),
        st.builds(lambda b: ast.Lambda(ast.arguments([], [], None, [], [], None, []), b),
                  children),
        st.builds(ast.IfExp, children, children, children),
        st.builds(lambda es: ast.Tuple(es, ast.Load()), st.lists(children, min_size=2,
                                                                max_size=3)),
        st.builds(lambda es: ast.List(es, ast.Load()), st.lists(children, max_size=2)),
        st.builds(lambda a, b: ast.BoolOp(ast.And(), [a, b]), children, children),
        st.sampled_from(CANARY_CALLS),
    )
    return st.one_of(allowed, allowed, allowed, odd)


trees = st.recursive(leaves, _extend, max_leaves=40)

ARITY = {f: 2 if f in ("arctan2", "min", "max") else 1 for f in ALLOWED_FUNCTIONS}
valid_leaves = st.one_of(
    st.sampled_from(["x", "y", "a", "pi", "e", "x", "y"]).map(lambda n: ast.Name(n, ast.Load())),
    st.one_of(st.integers(-5, 12), st.sampled_from([0.5, 1e-3, 2.5, 100, 1e300, 1e-300]),
              st.floats(-1e6, 1e6, allow_nan=False)).map(_const),
)


def _valid_call(name, children):
    return st.lists(children, min_size=ARITY[name], max_size=ARITY[name]).map(
        lambda args: _call(name, args, False))


def _valid_extend(children):
    return st.one_of(
        st.builds(ast.BinOp, children, st.sampled_from(ALLOWED_BINOPS).map(lambda o: o()),
                  children),
        st.builds(ast.UnaryOp, st.sampled_from([ast.USub(), ast.UAdd()]), children),
        st.sampled_from(ALLOWED_FUNCTIONS).flatmap(lambda n: _valid_call(n, children)),
    )


valid_trees = st.recursive(valid_leaves, _valid_extend, max_leaves=30)


def _try(text):
    """Compile and evaluate ``text`` with every warning an error; None if refused."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            f = compile_formula(text, columns=("a",))
        except FormulaError as err:
            assert str(err)
            assert err.col is None or 0 <= err.col <= len(text)
            return None
        v, gx, gy = f.value_and_grad(GRID_X, GRID_Y, COLS)
        try:
            hessian = f.hessian(GRID_X, 0.5, COLS)
        except FormulaError as err:
            assert "too complex" in err.message
            hessian = ()
    for arr in (v, gx, gy, *hessian):
        assert isinstance(arr, np.ndarray) and arr.dtype == np.float64
        assert arr.shape == GRID_X.shape
    return f


@settings(FUZZ)
@given(st.text(max_size=120))
def test_random_text(text):
    _try(text)


@settings(FUZZ)
@given(token_text)
def test_token_soup(text):
    _try(text)


@settings(FUZZ)
@given(trees)
def test_random_trees(body):
    tree = ast.fix_missing_locations(ast.Expression(body))
    try:
        text = ast.unparse(tree)
    except (ValueError, TypeError, AttributeError, RecursionError):
        return
    f = _try(text)
    if f is not None:
        assert math.isfinite(len(str(f.expr)))
    assert not os.path.exists(CANARY)


@settings(FUZZ)
@given(valid_trees)
def test_random_valid_trees(body):
    _try(ast.unparse(ast.fix_missing_locations(ast.Expression(body))))


@pytest.mark.parametrize("call", [
    "__import__('os').system('touch {p}')",
    "open('{p}', 'w')",
    "open('{p}', 'w').write('x')",
    "eval(\"open('{p}', 'w')\")",
    "exec(\"open('{p}', 'w')\")",
    "[c for c in ().__class__.__base__.__subclasses__()]",
    "sin(__import__('os').system('touch {p}'))",
    "x + (lambda: open('{p}', 'w'))()",
    "f\"{{open('{p}', 'w')}}\"",
    "getattr(__builtins__, 'open')('{p}', 'w')",
])
def test_nothing_runs(tmp_path, call):
    canary = tmp_path / "canary"
    with pytest.raises(FormulaError):
        compile_formula(call.format(p=canary))
    assert not canary.exists()
