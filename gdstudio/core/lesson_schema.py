"""The ``[lesson]`` table of a scene: its keys, the names they take, and its rules.

The scene validator (core/scene.py) checks a ``[lesson]`` table through
:func:`lesson_problems`, and the lesson library (core/lessons.py) lists the bundled
lessons by the same names; this module imports neither, so the two depend on it and not
on each other.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from gdstudio.core.errors import Msg
from gdstudio.core.values import expected_string, is_finite, show

LESSON_KEYS = ("id", "topic", "title_zh", "notes_zh", "test_shift", "show", "loss_axis",
               "lr_axis")
"""The keys a ``[lesson]`` table may have."""

TOPICS: dict[str, tuple[str, str]] = {
    "loss-function": ("The loss function", "损失函数"),
    "gradient-descent": ("Gradient descent", "梯度下降"),
    "learning-rate": ("The learning rate", "学习率"),
    "trajectory": ("The real trajectory", "真实的轨迹"),
    "convergence": ("Repeat until convergence", "重复直到收敛"),
    "local-minima": ("Local minima", "局部极小值"),
    "saddle-points": ("Saddle points", "鞍点"),
    "stochastic": ("Randomness to the rescue", "随机性的解救"),
    "batch-size": ("Batch size", "批大小"),
    "flat-sharp": ("Flat and sharp minima", "平坦与尖锐的极小值"),
    "lr-decay": ("Learning-rate decay", "学习率衰减"),
    "cyclical-lr": ("Cyclical learning rates and warm restarts", "循环学习率与热重启"),
    "swa": ("Stochastic weight averaging", "随机加权平均"),
    "momentum-adaptive": ("Momentum and adaptive methods", "动量与自适应方法"),
    "second-order": ("Second-order methods", "二阶方法"),
    "warmup-clipping": ("Warmup and gradient clipping", "学习率预热与梯度裁剪"),
    "fair-comparison": ("Comparing optimizers fairly", "公平地比较优化器"),
}
"""Topics in teaching order, the article's and then those the lessons go on to: id ->
(English name, Chinese name)."""

SHOW_HINTS = ("gradient_arrows", "sample_contours", "swa_point", "critical_points",
              "step_panel", "curvature_axes")
"""Display hints a lesson may ask the views for (``[lesson] show``): the step's gradient,
update and optimizer-state arrows, the per-sample (batch) loss contours of the stochastic
view, the SWA average, the critical points, the step panel (values and stability gauge at
the cursor step), the Hessian's eigen-axes at the selected run's point. Each turns on the
window's matching View / Analyze toggle while the lesson is open."""

AXIS_SCALES = ("linear", "log")
"""Values of ``[lesson] loss_axis`` and ``lr_axis``."""

_KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def lesson_problems(t: dict[str, Any]) -> list[tuple[str, Msg]]:
    """What is wrong with the values of the ``[lesson]`` table ``t``, as (key, problem)
    pairs; empty if nothing is. Unknown keys are left to the caller, which reports them
    as it does for every table (against :data:`LESSON_KEYS`)."""
    out: list[tuple[str, Msg]] = []
    for key in ("id", "topic"):
        if key not in t:
            out.append((key, Msg("required")))
    if "id" in t and not (isinstance(t["id"], str) and _KEBAB.match(t["id"])):
        out.append(("id", Msg("expected a kebab-case name like \"lr-too-large\", got "
                              "{value}", value=show(t["id"]))))
    if "topic" in t and not (isinstance(t["topic"], str) and t["topic"] in TOPICS):
        topic = t["topic"]
        close = (difflib.get_close_matches(topic, list(TOPICS), n=1)
                 if isinstance(topic, str) else [])
        if close:
            msg = Msg("unknown topic {value} (did you mean {close}?); one of {names}",
                      value=show(topic), close=show(close[0]), names=", ".join(TOPICS))
        else:
            msg = Msg("unknown topic {value}; one of {names}", value=show(topic),
                      names=", ".join(TOPICS))
        out.append(("topic", msg))
    for key in ("title_zh", "notes_zh"):
        if key in t and not isinstance(t[key], str):
            out.append((key, expected_string(t[key])))
    if "test_shift" in t:
        v = t["test_shift"]
        if not (isinstance(v, list) and len(v) == 2 and all(is_finite(a) for a in v)):
            out.append(("test_shift", Msg("expected [dx, dy], two finite numbers, got "
                                          "{value}", value=show(v))))
    if "show" in t:
        v = t["show"]
        if not (isinstance(v, list) and all(isinstance(h, str) for h in v)):
            out.append(("show", Msg("expected a list of names, got {value}", value=show(v))))
        else:
            out.extend(("show", Msg("unknown hint {hint}; one of {names}", hint=show(h),
                                    names=", ".join(SHOW_HINTS)))
                       for h in v if h not in SHOW_HINTS)
    for key in ("loss_axis", "lr_axis"):
        if key in t and t[key] not in AXIS_SCALES:
            out.append((key, Msg("expected one of {names}, got {value}",
                                 names=", ".join(AXIS_SCALES), value=show(t[key]))))
    return out
