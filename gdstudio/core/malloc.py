"""glibc's malloc, set once at start-up for the run loop's temporaries.

A swarm step allocates and frees a few arrays of members x 2 floats (160 KB for 10,000
starts). glibc serves blocks over ``M_MMAP_THRESHOLD`` (128 KB at first) with a fresh
``mmap`` and gives the top of the heap back over ``M_TRIM_THRESHOLD``, so in a fresh
process every step faults its pages in again: 10,000 starts x 1,000 Adam steps took 1.5x
as long as in a warmed-up one (a hand-fused numpy loop 2.4x). Raising both thresholds
keeps those blocks on the heap for reuse. The command line and the window call
:func:`tune_malloc`; a notebook's process is left as it is.
"""

from __future__ import annotations

import ctypes
import os
import sys

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 32 << 20
"""Blocks up to this size come from the heap (glibc's own ceiling for the threshold)."""
TRIM_THRESHOLD = 64 << 20
"""Free memory kept at the top of the heap before it is given back to the system."""
ENV = ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_")


def tune_malloc() -> bool:
    """Raise glibc's mmap and trim thresholds, unless the environment already sets them;
    returns whether they were set (False off glibc, where this does nothing)."""
    if not sys.platform.startswith("linux") or any(k in os.environ for k in ENV):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
                and mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))
