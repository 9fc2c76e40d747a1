"""Curvature and step stability at one point: what the window's step panel and curvature
axes show.

On a quadratic with Hessian ``H``, gradient descent ``w <- w - lr * g`` is stable while
``lr * lambda_max(H) < 2``; heavy-ball momentum ``mu`` (torch's SGD buffer ``b <- mu b +
(1 - dampening) g``) while ``lr * (1 - dampening) * lambda_max < 2 (1 + mu)``; Nesterov
momentum while ``lr * lambda_max < 2 (1 + mu) / (1 + 2 mu)``. Weight decay adds
``weight_decay`` to every eigenvalue. The gauge is ``lr * lambda_max`` against that bound
(:func:`gauge`), a local prediction wherever the surface is not quadratic.

For the adaptive methods the step along axis ``i`` is the gradient times an *effective
per-axis step* ``D_i`` taken from the optimizer's state after step t (exactly the scale
step t applied, :func:`effective_step`). With that preconditioner frozen the method is
gradient descent (with momentum ``beta1`` for the Adam family, as an exponential average,
or RMSprop's ``momentum``) on ``D^(1/2) H D^(1/2)``, and the gauge compares its largest
eigenvalue with the same bounds. NAdam and RAdam change their step rule with the step
count; the gauge is not defined for them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from gdstudio.core.optimizers import make_optimizer

__all__ = ["Curvature", "Gauge", "curvature", "effective_step", "gauge"]

ADAM_LIKE = ("adam", "adamw", "adamax")
PER_AXIS = ("adagrad", "rmsprop", "adadelta", *ADAM_LIKE)


@dataclass(frozen=True)
class Curvature:
    """The exact Hessian at a point: ``eigenvalues`` ascending, ``eigenvectors[:, k]``
    the unit axis of ``eigenvalues[k]``."""

    hessian: np.ndarray
    eigenvalues: np.ndarray
    eigenvectors: np.ndarray


@dataclass(frozen=True)
class Gauge:
    """``value`` (``lr * lambda_max`` or its per-axis form) against ``bound``.

    ``kind`` is "gd", "momentum", "nesterov" or "adaptive" (then ``per_axis`` holds the
    effective per-axis step). ``crossed``: the next steps are predicted to grow along the
    steepest direction.
    """

    value: float
    bound: float
    kind: str
    per_axis: np.ndarray | None = None

    @property
    def crossed(self) -> bool:
        return not self.value < self.bound


def curvature(surface: Any, w: Sequence[float]) -> Curvature | None:
    """The Hessian of ``surface`` at ``w = (x, y)`` and its eigen-decomposition, or None
    where a second derivative is not finite."""
    with np.errstate(all="ignore"):
        hxx, hxy, hyy = surface.hessian(np.array([float(w[0])]), np.array([float(w[1])]))
    h = np.array([[hxx[0], hxy[0]], [hxy[0], hyy[0]]], dtype=np.float64)
    if not np.isfinite(h).all():
        return None
    vals, vecs = np.linalg.eigh(h)
    return Curvature(h, vals, vecs)


def effective_step(optimizer: str, hp: dict[str, Any], state: dict[str, Any]) -> np.ndarray | None:
    """The per-axis factor ``D`` with which the step after ``state`` scaled the gradient
    (or its moving average), from torch's state names: Adagrad ``lr / (sqrt(sum) + eps)``
    (with its ``lr_decay``), RMSprop ``lr / (sqrt(square_avg) + eps)`` (centered: minus
    ``grad_avg**2`` under the root), Adadelta ``lr * sqrt(acc_delta + eps) /
    sqrt(square_avg + eps)`` (the accumulator before the step, approximated by the one
    after), Adam/AdamW ``lr / bc1 / (sqrt(v / bc2) + eps)`` with ``max_exp_avg_sq`` under
    amsgrad, Adamax ``lr / bc1 / exp_inf``. None for other optimizers or before the
    first step. ``hp`` are the run's hyperparameters (torch's defaults fill the rest)."""
    if optimizer not in PER_AXIS:
        return None
    hp = make_optimizer(optimizer, **hp).hp
    lr = float(hp["lr"])
    eps = float(hp.get("eps", 0.0))
    given = state.get("step")
    if given is None or not np.isfinite(given) or given < 1:
        return None
    step = float(given)
    with np.errstate(all="ignore"):
        if optimizer == "adagrad":
            clr = lr / (1 + (step - 1) * float(hp["lr_decay"]))
            total = np.asarray(state["sum"], dtype=np.float64)
            return np.asarray(clr / (np.sqrt(total) + eps), dtype=np.float64)
        if optimizer == "rmsprop":
            v = np.asarray(state["square_avg"])
            if state.get("grad_avg") is not None:
                v = v - np.asarray(state["grad_avg"]) ** 2
            return np.asarray(lr / (np.sqrt(v) + eps), dtype=np.float64)
        if optimizer == "adadelta":
            return lr * np.sqrt(np.asarray(state["acc_delta"]) + eps) / np.sqrt(
                np.asarray(state["square_avg"]) + eps)
        beta1, beta2 = (float(b) for b in hp["betas"])
        bc1 = 1 - beta1**step
        if optimizer == "adamax":
            return np.asarray(lr / bc1 / np.asarray(state["exp_inf"]), dtype=np.float64)
        peak = state.get("max_exp_avg_sq") if hp.get("amsgrad") else None
        sq = np.asarray(state["exp_avg_sq"] if peak is None else peak, dtype=np.float64)
        scale = np.sqrt(sq) / math.sqrt(1 - beta2**step) + eps
        return np.asarray(lr / bc1 / scale, dtype=np.float64)


def gauge(optimizer: str, hp: dict[str, Any], lr: float, curv: Curvature,
          state: dict[str, Any] | None = None) -> Gauge | None:
    """The stability gauge of ``optimizer`` with hyperparameters ``hp`` at learning rate
    ``lr`` (the one in force, e.g. from a schedule) where the Hessian is ``curv``; the
    adaptive methods need the ``state`` after the current step. None where it is not
    defined (NAdam, RAdam, an adaptive method before its first step)."""
    if optimizer not in ("sgd", *PER_AXIS) or not math.isfinite(lr):
        return None
    hp = make_optimizer(optimizer, **hp).hp
    wd = float(hp.get("weight_decay", 0.0))
    if optimizer == "adamw":
        wd = 0.0
    lam = float(curv.eigenvalues[-1]) + wd
    if optimizer == "sgd":
        mu = float(hp.get("momentum", 0.0))
        if mu == 0:
            return Gauge(lr * lam, 2.0, "gd")
        if hp.get("nesterov"):
            return Gauge(lr * lam, 2 * (1 + mu) / (1 + 2 * mu), "nesterov")
        return Gauge(lr * (1 - float(hp.get("dampening", 0.0))) * lam, 2 * (1 + mu), "momentum")
    if state is None:
        return None
    d = effective_step(optimizer, {**hp, "lr": lr}, state)
    if d is None or not np.isfinite(d).all():
        return None
    d = np.asarray(d, dtype=np.float64).reshape(2)
    s = np.sqrt(d)
    h = curv.hessian + wd * np.eye(2)
    top = float(np.linalg.eigvalsh(s[:, None] * h * s[None, :])[-1])
    if optimizer in ADAM_LIKE:
        beta1 = float(hp["betas"][0])
        return Gauge((1 - beta1) * top, 2 * (1 + beta1), "adaptive", d)
    mu = float(hp.get("momentum", 0.0)) if optimizer == "rmsprop" else 0.0
    return Gauge(top, 2 * (1 + mu), "adaptive", d)
