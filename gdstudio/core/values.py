"""How the core checks and quotes the values a scene gives (shared by the validators)."""

from __future__ import annotations

import json
from numbers import Integral, Real
from typing import Any

import numpy as np

from gdstudio.core.errors import Msg


def show(v: Any) -> str:
    """A value as the user wrote it in TOML, shortened for an error message."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, list | tuple):
        return "[" + ", ".join(show(x) for x in v) + "]"
    if isinstance(v, dict):
        return Msg("a table")
    text = str(v) if isinstance(v, Real) else repr(v)
    return text if len(text) <= 60 else text[:57] + "..."


def is_int(v: Any) -> bool:
    return isinstance(v, Integral) and not isinstance(v, bool | np.bool_)


def is_real(v: Any) -> bool:
    return isinstance(v, Real) and not isinstance(v, bool | np.bool_)
