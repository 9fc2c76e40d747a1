"""Write resources/data/iris.csv (Fisher's Iris data) once, from scikit-learn's copy.

    pip install scikit-learn          # in a throw-away environment; gdstudio never needs it
    python scripts/make_iris.py       # rewrite resources/data/iris.csv
    python scripts/make_iris.py --check

scikit-learn ships the table as in Fisher's 1936 paper (the same as R's ``iris``; the UCI
copy has two wrong rows). The measurements are written exactly as in that file (one
decimal, in cm); ``species`` is 0 setosa, 1 versicolor, 2 virginica.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "resources" / "data" / "iris.csv"

HEADER = [
    "# iris.csv: Fisher's Iris data, 150 flowers of three species, 50 each.",
    "# Source: R. A. Fisher (1936), 'The use of multiple measurements in taxonomic",
    "# problems', Annals of Eugenics 7(2), 179-188; measured by Edgar Anderson.",
    "# Copied from scikit-learn's sklearn/datasets/data/iris.csv (the table as in Fisher's",
    "# paper, identical to R's datasets::iris) by scripts/make_iris.py.",
    "# Licence: public domain (a 1936 table of measurements); free to use for any purpose.",
    "# Columns: lengths and widths in cm; species 0 = setosa, 1 = versicolor, 2 = virginica.",
]
COLUMNS = ["sepal_length", "sepal_width", "petal_length", "petal_width", "species"]


def render() -> str:
    from importlib.resources import files

    src = files("sklearn.datasets") / "data" / "iris.csv"
    with src.open("r", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    n = int(rows[0][0])
    body = rows[1:1 + n]
    if n != 150 or any(len(r) != 5 for r in body):
        raise SystemExit(f"unexpected layout of {src}")
    lines = HEADER + [",".join(COLUMNS)] + [",".join(r) for r in body]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--check", action="store_true", help="exit 1 if the shipped file differs")
    args = p.parse_args(argv)
    text = render()
    if args.check:
        same = TARGET.exists() and TARGET.read_text(encoding="utf-8") == text
        print(f"{TARGET.name}: {'up to date' if same else 'DIFFERS'}")
        return 0 if same else 1
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
