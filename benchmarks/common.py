import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Result:
    """One benchmark line. ``ratio`` = measured / baseline; ``target`` says what passes."""

    name: str
    measured: str
    baseline: str = "-"
    ratio: float | None = None
    target: str = "-"
    ok: bool = True

    def line(self) -> str:
        ratio = "-" if self.ratio is None else f"{self.ratio:.2f}"
        mark = "ok" if self.ok else "MISSED"
        return (f"{self.name}: {self.measured} (baseline {self.baseline}, ratio {ratio}, "
                f"target {self.target}) {mark}")

    def row(self) -> str:
        ratio = "-" if self.ratio is None else f"{self.ratio:.2f}"
        return (f"| {self.name} | {self.measured} | {self.baseline} | {ratio} | "
                f"{self.target} | {'yes' if self.ok else '**no**'} |")


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    """Best wall time of ``repeat`` calls, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best
