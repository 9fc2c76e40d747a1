"""Run every benchmark (benchmarks/bench_*.py) and write docs/benchmarks.md.

Each module has ``run() -> list[Result]``. A result compares what we measured with a
baseline measured in the same run, so the ratio means something on any machine.
"""

import importlib
import pkgutil
import platform
import sys
import time
from pathlib import Path

import benchmarks
from benchmarks.common import Result

DOC = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


def main(argv: list[str]) -> int:
    only = set(argv)
    results: list[Result] = []
    for info in pkgutil.iter_modules(benchmarks.__path__):
        if not info.name.startswith("bench_"):
            continue
        if only and info.name not in only and info.name.removeprefix("bench_") not in only:
            continue
        module = importlib.import_module(f"benchmarks.{info.name}")
        print(f"== {info.name}", flush=True)
        for r in module.run():
            print("  " + r.line(), flush=True)
            results.append(r)
    if not only:
        write_doc(results)
    return 0 if all(r.ok for r in results) else 1


def write_doc(results: list[Result]) -> None:
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m benchmarks`) on "
        f"{time.strftime('%Y-%m-%d')}, {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.machine()}, "
        f"{__import__('os').cpu_count()} cores.",
        "Each ratio divides by a baseline measured in the same run.",
        "",
        "| benchmark | measured | baseline | ratio | target | ok |",
        "|---|---|---|---|---|---|",
    ]
    lines += [r.row() for r in results]
    DOC.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {DOC}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
