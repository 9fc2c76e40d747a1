"""Write gdstudio/core/builtin_kernels.py: the built-in surfaces as plain numpy functions.

Each built-in's value, gradient and Hessian are the ones ``compile_formula`` derives
with sympy, split into common subexpressions and printed as numpy code, so running a
built-in surface never imports sympy. tests/core/test_surfaces.py checks the file is
what this script writes and that it agrees with the sympy-compiled formulas.

    python scripts/gen_builtin_kernels.py            # rewrite the file
    python scripts/gen_builtin_kernels.py --check    # exit 1 if it is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "gdstudio" / "core" / "builtin_kernels.py"

HEADER = '''"""The built-in surfaces' value, gradient and Hessian as numpy functions.

Written by scripts/gen_builtin_kernels.py from the derivatives ``compile_formula``
derives with sympy (do not edit; run the script after changing a built-in). Each
function takes the two parameters and the data columns (a mapping, empty when the
surface has no data) and returns a tuple of arrays or numbers;
:class:`gdstudio.core.surfaces.BuiltinFormula` broadcasts them. ``KERNELS[name]`` is
(used columns, value, grad, value_and_grad, hessian).
"""

# ruff: noqa: E501

from collections.abc import Callable, Mapping

import numpy
from numpy.typing import NDArray

Array = NDArray[numpy.float64]
Columns = Mapping[str, Array]
Result = tuple[Array | float, ...]
Kernel = Callable[[Array, Array, Columns], Result]
'''

PARTS = ("value", "grad", "value_and_grad", "hessian")


def data_columns(d) -> tuple[str, ...]:
    """The built-in's CSV header: the names its formula may use besides the params."""
    if d.data is None:
        return ()
    from gdstudio.core.surfaces import load_csv
    from gdstudio.resources import resource_path

    return tuple(load_csv(resource_path("data", d.data)))


def function_source(fname: str, exprs, outputs, params, used) -> str:
    """A function computing ``exprs[i] for i in outputs`` from the common subexpressions
    of all ``exprs``, so a value (or gradient) comes out bit for bit the same whether
    asked for alone or together with the others."""
    import sympy as sp
    from sympy.printing.numpy import NumPyPrinter

    printer = NumPyPrinter({"fully_qualified_modules": True})
    steps, reduced = sp.cse(list(exprs), symbols=sp.numbered_symbols("_t"))
    wanted = [reduced[i] for i in outputs]
    need = set().union(*(e.free_symbols for e in wanted))
    for sym, e in reversed(steps):
        if sym in need:
            need |= e.free_symbols
    names = {str(a) for a in need}
    lines = [f"def {fname}({params[0]}: Array, {params[1]}: Array, cols: Columns) -> Result:"]
    lines += [f"    {c} = cols[{c!r}]" for c in used if c in names]
    lines += [f"    {s} = {printer.doprint(e)}" for s, e in steps if s in need]
    lines.append(f"    return ({', '.join(printer.doprint(e) for e in wanted)},)")
    return "\n".join(lines)


def source() -> str:
    from gdstudio.core.formula import compile_formula
    from gdstudio.core.surfaces import BUILTINS

    out = [HEADER.rstrip("\n")]
    table = []
    for name, d in BUILTINS.items():
        f = compile_formula(d.expr, params=d.params, columns=data_columns(d))
        first = [f.expr, *f.grad_exprs]
        parts = {"value": (first, [0]), "grad": (first, [1, 2]),
                 "value_and_grad": (first, [0, 1, 2]),
                 "hessian": (list(f.hessian_exprs), [0, 1, 2])}
        for part in PARTS:
            exprs, outputs = parts[part]
            out.append("\n\n" + function_source(f"_{name}_{part}", exprs, outputs,
                                                  d.params, f.used_columns))
        fns = ", ".join(f"_{name}_{part}" for part in PARTS)
        table.append(f"    {name!r}: ({f.used_columns!r}, {fns}),")
    kind = "dict[str, tuple[tuple[str, ...], Kernel, Kernel, Kernel, Kernel]]"
    out.append(f"\n\nKERNELS: {kind} = {{\n" + "\n".join(table) + "\n}")
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    text = source()
    if "--check" in argv:
        if TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET} is out of date: run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv[1:]))
