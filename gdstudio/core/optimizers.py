"""The nine optimizers of torch.optim as pure ``(init, update)`` transforms over a swarm.

Each optimizer mirrors ``torch.optim.<X>`` as of PyTorch 2.13, more precisely the function
``_single_tensor_<x>`` that ``step()`` calls for CPU tensors (torch only picks the foreach
or fused paths for CPU tensors when asked to). The update is written operation for
operation in torch's order: scalars are Python floats where torch computes them in Python
(bias corrections, step sizes, NAdam's momentum cache), arrays where torch uses tensors.

Conventions shared by every optimizer:

- ``w`` and ``g`` have shape ``(N, 2)``: one row per member of a swarm. The state is a
  NamedTuple whose arrays have the same shape; ``step`` (where torch keeps one) is a
  Python int shared by all rows, since the members of a group step together.
- ``update(state, w, g, lr, momentum=None)`` returns ``(w_new, new_state)`` and never
  writes into ``state``, ``w`` or ``g``.
- ``lr`` is a float or an ``(N, 1)`` array (one learning rate per member, as torch would
  get with one param group per member); every formula then applies element-wise.
- ``momentum`` (the ``cycle_momentum`` of CyclicLR and OneCycleLR) is None or a float or
  an ``(N, 1)`` array that replaces ``momentum`` (sgd, rmsprop) or ``betas[0]`` (adam,
  adamw, nadam, radam, adamax) for this step, as the scheduler's write into
  ``param_groups`` does. An array whose entries are all equal is used as that float, so
  that powers such as ``beta1 ** step`` are Python's, as in torch.

What numpy cannot mirror, and is therefore the whole of the difference from torch:

- torch's CPU kernels for ``add(other, alpha=a)``, ``addcmul`` and ``lerp`` compute
  ``x * y + z`` with one rounding (a fused multiply-add, in the vectorised loops and the
  scalar tails alike); ``addcdiv``, ``mul``, ``div`` and ``reciprocal`` round each
  operation. numpy has no fused multiply-add, so :func:`_fma` rounds twice.
- torch's float64 ``sqrt`` on x86 goes through MKL's vector math (VML_HA), which is
  off by one ulp in about 1.3% of results; ``np.sqrt`` is correctly rounded.

Each is at most one ulp per operation: about 1e-13 relative over 1,000 steps of a
well-conditioned run. The reference tests replace ``_fma`` by an exact fused
multiply-add and compare with torch whose ``Tensor.sqrt`` was made IEEE: every recorded
trajectory then agrees bit for bit, which pins the order of every other operation.
"""

from __future__ import annotations

import difflib
import inspect
import math
from dataclasses import dataclass, field
from typing import Any, NamedTuple, overload

import numpy as np

from gdstudio.core.errors import Msg
from gdstudio.core.values import is_real as _is_real
from gdstudio.core.values import show as _show

Lr = float | np.ndarray
Momentum = float | np.ndarray | None


# -- torch's arithmetic primitives ---------------------------------------------------------

def _fma(a, b, c, out=None):
    """``a * b + c``, computed by torch's CPU kernels as one fused multiply-add.

    numpy rounds the product and the sum separately. ``out`` may be ``a`` or ``b`` (or a
    fresh array), never ``c``.
    """
    r = np.multiply(a, b, out=out)
    r += c
    return r


def _lerp(start, end, weight):
    """``torch.lerp(start, end, weight)`` for a scalar or ``(N, 1)`` weight, into a new array.

    torch's CPU kernel switches formula at ``|weight| = 0.5`` (both forms fused):
    ``start + weight * (end - start)`` below, ``end - (end - start) * (1 - weight)`` from
    0.5 on (so that weight 1 gives exactly ``end``).
    """
    d = np.subtract(end, start)
    if isinstance(weight, np.ndarray):
        small = _fma(weight, d, start)
        large = _fma(d, weight - 1, end)
        return np.where(np.abs(weight) < 0.5, small, large)
    if abs(weight) < 0.5:
        return _fma(weight, d, start, out=d)
    return _fma(d, weight - 1, end, out=d)


def _addcmul_sq(scaled, value, g):
    """``scaled.addcmul(g, g, value=value)`` = ``(value * g) * g + scaled``, into a new array."""
    t = np.multiply(value, g)
    return _fma(t, g, scaled, out=t)


def _addcdiv(w, value, t1, t2):
    """``w.addcdiv(t1, t2, value=value)`` = ``w + (value * t1) / t2`` (not fused), new array."""
    r = np.multiply(value, t1)
    r /= t2
    r += w
    return r


def _adam_moments(opt, state, w, g, lr, beta1):
    """The common head of Adam, NAdam and RAdam, in torch's order: weight decay (added to
    the gradient, or with ``decoupled_weight_decay`` scaling ``w`` by ``1 - lr * wd``),
    then ``exp_avg.lerp_(g, 1 - beta1)`` and ``exp_avg_sq * beta2 + (1 - beta2) * g * g``.
    Returns ``w`` and ``g`` after the decay (NAdam uses ``g`` again) and both moments."""
    if opt.weight_decay != 0:
        if opt.decoupled_weight_decay:
            w = np.multiply(w, 1 - lr * opt.weight_decay)
        else:
            g = _fma(opt.weight_decay, w, g)
    exp_avg = _lerp(state.exp_avg, g, 1 - beta1)
    exp_avg_sq = _addcmul_sq(np.multiply(state.exp_avg_sq, opt.beta2), opt.one_minus_beta2, g)
    return w, g, exp_avg, exp_avg_sq


@overload
def _scalar_if_uniform(m: None) -> None: ...
@overload
def _scalar_if_uniform(m: float | np.ndarray) -> float | np.ndarray: ...


def _scalar_if_uniform(m: Momentum) -> Momentum:
    """An ``(N, 1)`` array of one repeated value becomes that float (see the module doc)."""
    if isinstance(m, np.ndarray):
        flat = m.reshape(-1)
        if flat.size and bool((flat == flat[0]).all()):
            return float(flat[0])
        return m
    return None if m is None else float(m)


def _any_nonzero(m) -> bool:
    return bool(np.any(m != 0)) if isinstance(m, np.ndarray) else m != 0


def _any_positive(m) -> bool:
    return bool(np.any(m > 0)) if isinstance(m, np.ndarray) else m > 0


# -- states ---------------------------------------------------------------------------------

class SGDState(NamedTuple):
    momentum_buffer: np.ndarray | None   # None until the first step with momentum != 0


class AdagradState(NamedTuple):
    step: int
    sum: np.ndarray


class RMSpropState(NamedTuple):
    step: int
    square_avg: np.ndarray
    momentum_buffer: np.ndarray | None   # present when momentum > 0
    grad_avg: np.ndarray | None          # present when centered


class AdamState(NamedTuple):
    step: int
    exp_avg: np.ndarray
    exp_avg_sq: np.ndarray
    max_exp_avg_sq: np.ndarray | None    # present with amsgrad


class NAdamState(NamedTuple):
    step: int
    mu_product: float | np.ndarray       # float64, (N, 1) only once betas[0] varied by row
    exp_avg: np.ndarray
    exp_avg_sq: np.ndarray


class RAdamState(NamedTuple):
    step: int
    exp_avg: np.ndarray
    exp_avg_sq: np.ndarray


class AdamaxState(NamedTuple):
    step: int
    exp_avg: np.ndarray
    exp_inf: np.ndarray


class AdadeltaState(NamedTuple):
    step: int
    square_avg: np.ndarray
    acc_delta: np.ndarray


def _zeros(w) -> np.ndarray:
    return np.zeros(np.shape(w), dtype=np.float64)


# -- optimizers -----------------------------------------------------------------------------

class Optimizer:
    """An optimizer: ``init(w) -> state`` and ``update(state, w, g, lr, momentum) -> (w, state)``.

    ``name`` is the scene name (``"adam"``); ``hp`` holds every hyperparameter, the
    defaults merged with the given values (numbers as floats, ``betas`` as a tuple).
    Hyperparameters are read into attributes once, when the optimizer is made.

    ``state_in_constructor`` says when torch makes the state: in the constructor
    (Adagrad: ``sum`` filled with ``initial_accumulator_value``), or at the first
    ``step()`` from the param group then in force (every other optimizer).
    """

    name: str = ""
    state_in_constructor: bool = False

    def __init__(self, hp: dict[str, Any]):
        self.hp = hp

    def init(self, w: np.ndarray) -> NamedTuple:
        raise NotImplementedError

    def update(self, state, w: np.ndarray, g: np.ndarray, lr: Lr,
               momentum: Momentum = None) -> tuple[np.ndarray, NamedTuple]:
        """One step: the new parameters and the new state (see the module docstring).

        Overflow and NaN are not warned about: they propagate as in torch, for the caller
        to judge.
        """
        with np.errstate(all="ignore"):
            return self._update(state, w, g, lr, momentum)

    def _update(self, state, w, g, lr, momentum):
        raise NotImplementedError

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.hp.items())
        return f"make_optimizer({self.name!r}, {args})"


class SGD(Optimizer):
    r"""``torch.optim.SGD``: stochastic gradient descent with optional (Nesterov) momentum.

    Each step, with learning rate :math:`\gamma`, momentum :math:`\mu`, dampening
    :math:`\tau` and weight decay :math:`\lambda`::

        g <- g + lambda * w                   if lambda != 0   (fused)
        if mu != 0:
            b <- g (a copy)                   on the first step with mu != 0
            b <- mu * b + (1 - tau) * g       afterwards        (fused)
            g <- g + mu * b                   with nesterov     (fused)
            g <- b                            otherwise
        w <- w - gamma * g                                      (fused)

    Subtleties: the weight decay is added to the gradient before it enters the momentum
    buffer; the first buffer is the gradient itself, so dampening only acts from the
    second step on; with ``momentum = 0`` there is no buffer at all (state
    ``momentum_buffer`` is None). A ``momentum`` passed to ``update`` replaces the
    hyperparameter for that step; a per-row array with some zero entries takes the
    momentum branch for every row (torch has one momentum per group, so no counterpart).
    """

    name = "sgd"

    def __init__(self, hp):
        super().__init__(hp)
        self.momentum = hp["momentum"]
        self.one_minus_dampening = 1 - hp["dampening"]
        self.weight_decay = hp["weight_decay"]
        self.nesterov = hp["nesterov"]

    def init(self, w):
        return SGDState(momentum_buffer=None)

    def _update(self, state, w, g, lr, momentum):
        mu = self.momentum if momentum is None else _scalar_if_uniform(momentum)
        if self.weight_decay != 0:
            g = _fma(self.weight_decay, w, g)
        buf = state.momentum_buffer
        if _any_nonzero(mu):
            if buf is None:
                buf = np.array(g, dtype=np.float64)
            else:
                buf = np.multiply(buf, mu)
                if self.one_minus_dampening == 1:
                    buf += g
                else:
                    buf = _fma(self.one_minus_dampening, g, buf)
            g = _fma(mu, buf, g) if self.nesterov else buf
        return _fma(-lr, g, w), SGDState(buf)


class Adagrad(Optimizer):
    r"""``torch.optim.Adagrad``: per-coordinate learning rates from the sum of squared gradients.

    State: ``sum`` starts at ``initial_accumulator_value`` (torch fills it in the
    constructor). Each step t = 1, 2, ...::

        g   <- g + weight_decay * w                         (fused)
        clr  = lr / (1 + (t - 1) * lr_decay)                 Python floats
        sum <- sum + g * g                                   (fused addcmul)
        w   <- w + (-clr * g) / (sqrt(sum) + eps)            (addcdiv)

    Subtleties: ``eps`` is added to the square root, not under it; ``lr_decay`` divides
    the learning rate by a count of the previous steps, so step 1 uses ``lr`` itself.
    """

    name = "adagrad"
    state_in_constructor = True

    def __init__(self, hp):
        super().__init__(hp)
        self.lr_decay = hp["lr_decay"]
        self.weight_decay = hp["weight_decay"]
        self.initial_accumulator_value = hp["initial_accumulator_value"]
        self.eps = hp["eps"]

    def init(self, w):
        return AdagradState(0, np.full(np.shape(w), self.initial_accumulator_value,
                                       dtype=np.float64))

    def _update(self, state, w, g, lr, momentum):
        step = state.step + 1
        if self.weight_decay != 0:
            g = _fma(self.weight_decay, w, g)
        clr = lr / (1 + (step - 1) * self.lr_decay)
        state_sum = _fma(g, g, state.sum)
        std = np.sqrt(state_sum)
        std += self.eps
        return _addcdiv(w, -clr, g, std), AdagradState(step, state_sum)


class RMSprop(Optimizer):
    r"""``torch.optim.RMSprop``: divide the gradient by a running RMS of recent gradients.

    Each step, with smoothing constant ``alpha``::

        g   <- g + weight_decay * w                                     (fused)
        v   <- alpha * v + (1 - alpha) * g * g                          (fused addcmul)
        if centered:
            ga  <- lerp(ga, g, 1 - alpha)                               (fused)
            avg  = sqrt(v - ga * ga) + eps                              (fused addcmul)
        else:
            avg  = sqrt(v) + eps
        if momentum > 0:
            b   <- momentum * b + g / avg                               (addcdiv)
            w   <- w - lr * b                                           (fused)
        else:
            w   <- w + (-lr * g) / avg                                  (addcdiv)

    Subtleties: ``eps`` is added outside the square root; the momentum buffer starts at
    zero (unlike SGD's); the centered variant subtracts the squared running mean of the
    gradient, so ``v - ga * ga`` may round to a tiny negative value, whose square root is
    NaN in torch too. A ``momentum`` passed to ``update`` replaces the hyperparameter for
    that step (the buffer is created, as zeros, the first time it is needed); a per-row
    array with some zero entries takes the momentum branch for every row. torch accepts
    ``alpha > 1``, and so do we.
    """

    name = "rmsprop"

    def __init__(self, hp):
        super().__init__(hp)
        self.alpha = hp["alpha"]
        self.one_minus_alpha = 1 - hp["alpha"]
        self.eps = hp["eps"]
        self.weight_decay = hp["weight_decay"]
        self.momentum = hp["momentum"]
        self.centered = hp["centered"]

    def init(self, w):
        return RMSpropState(0, _zeros(w), _zeros(w) if self.momentum > 0 else None,
                            _zeros(w) if self.centered else None)

    def _update(self, state, w, g, lr, momentum):
        mu = self.momentum if momentum is None else _scalar_if_uniform(momentum)
        if self.weight_decay != 0:
            g = _fma(self.weight_decay, w, g)
        square_avg = _addcmul_sq(np.multiply(state.square_avg, self.alpha),
                                 self.one_minus_alpha, g)
        grad_avg = state.grad_avg
        if self.centered:
            grad_avg = _lerp(grad_avg, g, self.one_minus_alpha)
            avg = np.negative(grad_avg)
            avg = _fma(avg, grad_avg, square_avg, out=avg)
            np.sqrt(avg, out=avg)
        else:
            avg = np.sqrt(square_avg)
        avg += self.eps
        buf = state.momentum_buffer
        if _any_positive(mu):
            buf = np.multiply(_zeros(w) if buf is None else buf, mu)
            buf += np.divide(g, avg, out=avg)
            w_new = _fma(-lr, buf, w)
        else:
            w_new = _addcdiv(w, -lr, g, avg)
        return w_new, RMSpropState(state.step + 1, square_avg, buf, grad_avg)


class Adam(Optimizer):
    r"""``torch.optim.Adam``: bias-corrected running moments of the gradient and its square.

    Each step t = 1, 2, ..., with ``(beta1, beta2) = betas``::

        if weight_decay != 0:
            w <- w * (1 - lr * weight_decay)     with decoupled_weight_decay (AdamW)
            g <- g + weight_decay * w            otherwise                   (fused)
        m  <- lerp(m, g, 1 - beta1)                                          (fused)
        v  <- beta2 * v + (1 - beta2) * g * g                       (fused addcmul)
        bc1 = 1 - beta1 ** t;  bc2 = 1 - beta2 ** t                  Python floats
        vmax <- max(vmax, v);  v' = vmax      with amsgrad, else  v' = v
        denom = sqrt(v') / bc2 ** 0.5 + eps
        w  <- w + (-(lr / bc1) * m) / denom                               (addcdiv)

    Subtleties: the first moment is a ``lerp``, not ``beta1 * m + (1 - beta1) * g``; its
    CPU kernel switches formula at weight 0.5 (see :func:`_lerp`), so ``beta1 <= 0.5``
    takes the other branch. ``eps`` is added after the bias correction of the square
    root. amsgrad keeps the maximum of the raw (uncorrected) second moments. A
    ``momentum`` passed to ``update`` replaces ``beta1`` for the step, in the lerp and in
    the bias correction alike (the step count is not reset).
    """

    name = "adam"
    decoupled = False

    def __init__(self, hp):
        super().__init__(hp)
        self.beta1, self.beta2 = hp["betas"]
        self.one_minus_beta2 = 1 - self.beta2
        self.eps = hp["eps"]
        self.weight_decay = hp["weight_decay"]
        self.amsgrad = hp["amsgrad"]
        self.decoupled_weight_decay = hp.get("decoupled_weight_decay", self.decoupled)

    def init(self, w):
        return AdamState(0, _zeros(w), _zeros(w), _zeros(w) if self.amsgrad else None)

    def _update(self, state, w, g, lr, momentum):
        beta1 = self.beta1 if momentum is None else _scalar_if_uniform(momentum)
        beta2 = self.beta2
        step = state.step + 1
        w, g, exp_avg, exp_avg_sq = _adam_moments(self, state, w, g, lr, beta1)
        bias_correction1 = 1 - beta1**step
        bias_correction2 = 1 - beta2**step
        step_size = lr / bias_correction1
        bias_correction2_sqrt = bias_correction2**0.5
        max_exp_avg_sq = state.max_exp_avg_sq
        if self.amsgrad:
            max_exp_avg_sq = np.maximum(max_exp_avg_sq, exp_avg_sq)
            denom = np.sqrt(max_exp_avg_sq)
        else:
            denom = np.sqrt(exp_avg_sq)
        denom /= bias_correction2_sqrt
        denom += self.eps
        w_new = _addcdiv(w, -step_size, exp_avg, denom)
        return w_new, AdamState(step, exp_avg, exp_avg_sq, max_exp_avg_sq)


class AdamW(Adam):
    r"""``torch.optim.AdamW``: Adam with decoupled weight decay.

    The same update as :class:`Adam` with ``decoupled_weight_decay`` always on: before
    the moments are updated, ``w <- w * (1 - lr * weight_decay)`` (one rounded factor,
    computed as a Python float, or per row for an ``(N, 1)`` lr), and the gradient is
    left alone. ``weight_decay`` defaults to 0.01 here (0 in Adam), and torch 2.13's
    AdamW takes no ``decoupled_weight_decay`` keyword.
    """

    name = "adamw"
    decoupled = True


class NAdam(Optimizer):
    r"""``torch.optim.NAdam``: Adam with Nesterov momentum and a momentum warm-up schedule.

    Each step t = 1, 2, ..., with ``(beta1, beta2) = betas`` and ``psi = momentum_decay``::

        bc2 = 1 - beta2 ** t
        g or w: weight decay as in Adam (decoupled_weight_decay decays w instead)
        mu      = beta1 * (1 - 0.5 * 0.96 ** (t * psi))          Python floats
        mu_next = beta1 * (1 - 0.5 * 0.96 ** ((t + 1) * psi))
        mu_product <- mu_product * mu                          running product, float64
        m  <- lerp(m, g, 1 - beta1)                                          (fused)
        v  <- beta2 * v + (1 - beta2) * g * g                       (fused addcmul)
        denom = sqrt(v / bc2) + eps
        w  <- w + (-lr * (1 - mu) / (1 - mu_product) * g) / denom               (addcdiv)
        w  <- w + ((-lr * mu_next) / (1 - mu_product * mu_next) * m) / denom    (addcdiv)

    Subtleties: the bias correction of the second moment goes under the square root
    (Adam divides after it); the first moment is not bias-corrected but weighted through
    the running product of the momentum cache, which torch keeps as a 0-d tensor of the
    default dtype (float64 here, bit for bit a Python float) across steps; the update is
    two ``addcdiv`` calls, one for the gradient and one for the moment. A ``momentum``
    passed to ``update`` replaces ``beta1`` in ``mu``, ``mu_next`` and the lerp.
    """

    name = "nadam"

    def __init__(self, hp):
        super().__init__(hp)
        self.beta1, self.beta2 = hp["betas"]
        self.one_minus_beta2 = 1 - self.beta2
        self.eps = hp["eps"]
        self.weight_decay = hp["weight_decay"]
        self.momentum_decay = hp["momentum_decay"]
        self.decoupled_weight_decay = hp["decoupled_weight_decay"]

    def init(self, w):
        return NAdamState(0, 1.0, _zeros(w), _zeros(w))

    def _update(self, state, w, g, lr, momentum):
        beta1 = self.beta1 if momentum is None else _scalar_if_uniform(momentum)
        beta2 = self.beta2
        step = state.step + 1
        bias_correction2 = 1 - beta2**step
        mu = beta1 * (1.0 - 0.5 * (0.96 ** (step * self.momentum_decay)))
        mu_next = beta1 * (1.0 - 0.5 * (0.96 ** ((step + 1) * self.momentum_decay)))
        mu_product = state.mu_product * mu
        w, g, exp_avg, exp_avg_sq = _adam_moments(self, state, w, g, lr, beta1)
        denom = np.divide(exp_avg_sq, bias_correction2)
        np.sqrt(denom, out=denom)
        mu_product_next = mu_product * mu_next
        denom += self.eps
        w_new = _addcdiv(w, -lr * (1.0 - mu) / (1.0 - mu_product), g, denom)
        w_new = _addcdiv(w_new, (-lr * mu_next) / (1.0 - mu_product_next), exp_avg, denom)
        return w_new, NAdamState(step, mu_product, exp_avg, exp_avg_sq)


class RAdam(Optimizer):
    r"""``torch.optim.RAdam``: Adam with the variance of its adaptive term rectified.

    Each step t = 1, 2, ..., with ``(beta1, beta2) = betas``::

        g or w: weight decay as in Adam (decoupled_weight_decay decays w instead)
        m  <- lerp(m, g, 1 - beta1)                                          (fused)
        v  <- beta2 * v + (1 - beta2) * g * g                       (fused addcmul)
        bc1 = 1 - beta1 ** t;  bc2 = 1 - beta2 ** t                  Python floats
        rho_inf = 2 / (1 - beta2) - 1
        rho_t   = rho_inf - 2 * t * beta2 ** t / bc2
        if rho_t > 5:
            rect = ((rho_t - 4) * (rho_t - 2) * rho_inf
                    / ((rho_inf - 4) * (rho_inf - 2) * rho_t)) ** 0.5
            w <- w - (m / bc1) * lr * (bc2 ** 0.5 / (sqrt(v) + eps)) * rect
        else:
            w <- w - (m / bc1) * lr                      (plain SGD with momentum)

    Subtleties: the branch is taken on a Python float, for the whole swarm at once; with
    the default betas the first five steps are un-adapted (rho_t > 5 from step 6 on); the
    products are evaluated left to right, as written; ``bc2 ** 0.5 / tensor`` is
    ``Tensor.__rtruediv__``, which torch computes as ``tensor.reciprocal() * bc2 ** 0.5``
    (two roundings, not one division). A ``momentum`` passed to ``update``
    replaces ``beta1`` in the lerp and in ``bc1``.
    """

    name = "radam"

    def __init__(self, hp):
        super().__init__(hp)
        self.beta1, self.beta2 = hp["betas"]
        self.one_minus_beta2 = 1 - self.beta2
        self.eps = hp["eps"]
        self.weight_decay = hp["weight_decay"]
        self.decoupled_weight_decay = hp["decoupled_weight_decay"]
        self.rho_inf = 2 / (1 - self.beta2) - 1

    def init(self, w):
        return RAdamState(0, _zeros(w), _zeros(w))

    def _update(self, state, w, g, lr, momentum):
        beta1 = self.beta1 if momentum is None else _scalar_if_uniform(momentum)
        beta2 = self.beta2
        step = state.step + 1
        w, g, exp_avg, exp_avg_sq = _adam_moments(self, state, w, g, lr, beta1)
        bias_correction1 = 1 - beta1**step
        bias_correction2 = 1 - beta2**step
        update = np.divide(exp_avg, bias_correction1)
        rho_inf = self.rho_inf
        rho_t = rho_inf - 2 * step * (beta2**step) / bias_correction2
        update *= lr
        if rho_t > 5.0:
            adaptive = np.sqrt(exp_avg_sq)
            adaptive += self.eps
            np.divide(1.0, adaptive, out=adaptive)
            adaptive *= bias_correction2**0.5
            update *= adaptive
            update *= ((rho_t - 4) * (rho_t - 2) * rho_inf
                       / ((rho_inf - 4) * (rho_inf - 2) * rho_t)) ** 0.5
        np.subtract(w, update, out=update)
        return update, RAdamState(step, exp_avg, exp_avg_sq)


class Adamax(Optimizer):
    r"""``torch.optim.Adamax``: Adam with the infinity norm in place of the second moment.

    Each step t = 1, 2, ..., with ``(beta1, beta2) = betas``::

        g  <- g + weight_decay * w                                   (fused)
        m  <- lerp(m, g, 1 - beta1)                                  (fused)
        u  <- maximum(beta2 * u, |g| + eps)
        w  <- w + (-(lr / (1 - beta1 ** t)) * m) / u                 (addcdiv)

    Subtleties: ``eps`` is added to ``|g|`` before the maximum is taken (torch's form,
    not the paper's), so ``u >= eps`` always; NaN propagates through the maximum. A
    ``momentum`` passed to ``update`` replaces ``beta1`` in the lerp and the bias
    correction.
    """

    name = "adamax"

    def __init__(self, hp):
        super().__init__(hp)
        self.beta1, self.beta2 = hp["betas"]
        self.eps = hp["eps"]
        self.weight_decay = hp["weight_decay"]

    def init(self, w):
        return AdamaxState(0, _zeros(w), _zeros(w))

    def _update(self, state, w, g, lr, momentum):
        beta1 = self.beta1 if momentum is None else _scalar_if_uniform(momentum)
        step = state.step + 1
        if self.weight_decay != 0:
            g = _fma(self.weight_decay, w, g)
        exp_avg = _lerp(state.exp_avg, g, 1 - beta1)
        exp_inf = np.multiply(state.exp_inf, self.beta2)
        norm = np.abs(g)
        norm += self.eps
        np.maximum(exp_inf, norm, out=exp_inf)
        clr = lr / (1 - beta1**step)
        return _addcdiv(w, -clr, exp_avg, exp_inf), AdamaxState(step, exp_avg, exp_inf)


class Adadelta(Optimizer):
    r"""``torch.optim.Adadelta``: steps scaled by the ratio of running RMS of updates and gradients.

    Each step, with decay ``rho``::

        g     <- g + weight_decay * w                                (fused)
        v     <- rho * v + (1 - rho) * g * g                         (fused addcmul)
        delta  = sqrt(acc + eps) / sqrt(v + eps) * g
        acc   <- rho * acc + (1 - rho) * delta * delta               (fused addcmul)
        w     <- w - lr * delta                                      (fused)

    Subtleties: ``eps`` goes under both square roots, which is what lets the first step
    move at all (``acc`` starts at zero: the first delta is about
    ``sqrt(eps / (1 - rho))`` times the sign of ``g``); ``lr`` (default 1.0) scales the
    delta only after it has entered ``acc``.
    """

    name = "adadelta"

    def __init__(self, hp):
        super().__init__(hp)
        self.rho = hp["rho"]
        self.one_minus_rho = 1 - hp["rho"]
        self.eps = hp["eps"]
        self.weight_decay = hp["weight_decay"]

    def init(self, w):
        return AdadeltaState(0, _zeros(w), _zeros(w))

    def _update(self, state, w, g, lr, momentum):
        if self.weight_decay != 0:
            g = _fma(self.weight_decay, w, g)
        square_avg = _addcmul_sq(np.multiply(state.square_avg, self.rho), self.one_minus_rho, g)
        std = np.add(square_avg, self.eps)
        np.sqrt(std, out=std)
        delta = np.add(state.acc_delta, self.eps)
        np.sqrt(delta, out=delta)
        delta /= std
        delta *= g
        acc_delta = _addcmul_sq(np.multiply(state.acc_delta, self.rho), self.one_minus_rho, delta)
        return _fma(-lr, delta, w), AdadeltaState(state.step + 1, square_avg, acc_delta)


# -- the registry ---------------------------------------------------------------------------

REAL, BETAS, BOOL = "real", "betas", "bool"


@dataclass(frozen=True, eq=False)
class OptimizerDef:
    """One optimizer as scenes and the GUI see it.

    ``defaults`` are torch 2.13's constructor defaults for every supported keyword (the
    keywords minus params, maximize, foreach, capturable, differentiable and fused);
    ``kinds`` says what each keyword holds (``"real"``, ``"betas"``, ``"bool"``);
    ``momentum_key`` names what ``cycle_momentum`` drives (``"momentum"``, ``"betas"`` for
    its first entry, or None); ``doc`` is the optimizer's docstring, its first line a
    one-line summary.
    """

    name: str
    torch_name: str
    defaults: dict[str, Any]
    momentum_key: str | None
    doc: str
    kinds: dict[str, str]
    cls: type[Optimizer] = field(repr=False)


_ADAM_BASE = {"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0.0}

_SPECS: tuple[tuple[type[Optimizer], str, dict[str, Any], str | None], ...] = (
    (SGD, "SGD", {"lr": 1e-3, "momentum": 0.0, "dampening": 0.0, "weight_decay": 0.0,
                  "nesterov": False}, "momentum"),
    (Adagrad, "Adagrad", {"lr": 1e-2, "lr_decay": 0.0, "weight_decay": 0.0,
                          "initial_accumulator_value": 0.0, "eps": 1e-10}, None),
    (RMSprop, "RMSprop", {"lr": 1e-2, "alpha": 0.99, "eps": 1e-8, "weight_decay": 0.0,
                          "momentum": 0.0, "centered": False}, "momentum"),
    (Adam, "Adam", {**_ADAM_BASE, "amsgrad": False, "decoupled_weight_decay": False}, "betas"),
    (AdamW, "AdamW", {**_ADAM_BASE, "weight_decay": 1e-2, "amsgrad": False}, "betas"),
    (NAdam, "NAdam", {**_ADAM_BASE, "lr": 2e-3, "momentum_decay": 4e-3,
                      "decoupled_weight_decay": False}, "betas"),
    (RAdam, "RAdam", {**_ADAM_BASE, "decoupled_weight_decay": False}, "betas"),
    (Adamax, "Adamax", {**_ADAM_BASE, "lr": 2e-3}, "betas"),
    (Adadelta, "Adadelta", {"lr": 1.0, "rho": 0.9, "eps": 1e-6, "weight_decay": 0.0}, None),
)


def _kind(value: Any) -> str:
    return BOOL if isinstance(value, bool) else BETAS if isinstance(value, tuple) else REAL


OPTIMIZERS: dict[str, OptimizerDef] = {
    cls.name: OptimizerDef(name=cls.name, torch_name=torch_name, defaults=defaults,
                           momentum_key=momentum_key, doc=inspect.cleandoc(cls.__doc__ or ""),
                           kinds={k: _kind(v) for k, v in defaults.items()}, cls=cls)
    for cls, torch_name, defaults, momentum_key in _SPECS
}

# -- validation -----------------------------------------------------------------------------

_SWITCH = Msg("a torch implementation switch; gdstudio always follows torch's single-tensor "
              "CPU path")
_TORCH_ONLY = {
    "maximize": Msg("not supported: gdstudio always minimizes the loss"),
    "params": Msg("not a hyperparameter: the parameters are the two coordinates of the start"),
    "foreach": _SWITCH,
    "fused": _SWITCH,
    "capturable": Msg("a torch implementation switch (CUDA graphs); not supported"),
    "differentiable": Msg("a torch implementation switch (autograd through the step); not "
                          "supported"),
}

# What each non-negative number is, for "expected a number >= 0 (...)".
_NONNEGATIVE = {
    "lr": Msg("a learning rate cannot be negative"),
    "eps": Msg("eps cannot be negative"),
    "weight_decay": Msg("weight decay cannot be negative"),
    "momentum": Msg("momentum cannot be negative"),
    "lr_decay": Msg("lr_decay cannot be negative"),
    "initial_accumulator_value": Msg("the accumulator of squared gradients cannot start "
                                     "negative"),
    "momentum_decay": Msg("momentum_decay cannot be negative"),
    "alpha": Msg("the smoothing constant cannot be negative"),
}


_ALIASES = {"learning_rate": "lr", "lr_rate": "lr", "rate": "lr", "epsilon": "eps",
            "beta1": "betas", "beta2": "betas", "beta_1": "betas", "beta_2": "betas",
            "wd": "weight_decay", "l2": "weight_decay", "decay": "weight_decay",
            "nesterov_momentum": "nesterov", "beta": "betas"}






def _type_problem(kind: str, v: Any) -> str | None:
    if kind == BOOL:
        return None if isinstance(v, bool) else Msg("expected true or false, got {value}",
                                                     value=_show(v))
    if kind == REAL:
        if not _is_real(v):
            return Msg("expected a number, got {value}", value=_show(v))
        if not math.isfinite(v):
            return Msg("expected a finite number, got {value}", value=_show(v))
        return None
    if not isinstance(v, list | tuple) or len(v) != 2:
        return Msg("expected a pair of numbers [beta1, beta2], got {value}", value=_show(v))
    for i, b in enumerate(v):
        if not _is_real(b) or not math.isfinite(b):
            return Msg("expected a pair of finite numbers [beta1, beta2], betas[{i}] is {value}",
                       i=i, value=_show(b))
    return None


def _unknown_message(name: str, key: str, allowed: list[str]) -> str:
    if key in _TORCH_ONLY:
        return _TORCH_ONLY[key]
    if key == "decoupled_weight_decay" and name == "adamw":
        return Msg("adamw always decouples weight decay (torch.optim.AdamW takes no "
                   "decoupled_weight_decay); adam, nadam and radam take it")
    alias = _ALIASES.get(key.lower())
    if alias in allowed:
        return Msg("unknown hyperparameter of {name}; did you mean '{alias}'?", name=name,
                   alias=alias)
    if key == "momentum" and "betas" in allowed:
        return Msg("{name} has no 'momentum'; its momentum coefficient is betas[0]", name=name)
    if key == "betas" and "momentum" in allowed:
        return Msg("{name} has no 'betas'; did you mean 'momentum'?", name=name)
    close = difflib.get_close_matches(key, allowed, n=1) or \
        [k for k in allowed if len(key) >= 2 and k.startswith(key)][:1]
    if close:
        return Msg("unknown hyperparameter of {name} (did you mean '{close}'?); {name} takes "
                   "{allowed}", name=name, close=close[0], allowed=", ".join(allowed))
    return Msg("unknown hyperparameter of {name}; {name} takes {allowed}", name=name,
               allowed=", ".join(allowed))


def check_hyper(name: str, hp: dict[str, Any]) -> list[tuple[str, str]]:
    """Every problem with the hyperparameters ``hp`` of optimizer ``name``, as (key, message).

    Finds unknown keys (with a suggestion), wrong types (numbers must be real and finite,
    ints are accepted; ``betas`` a pair of numbers; switches real booleans), and every
    value torch 2.13's constructor rejects, with torch's reason in plain words. An empty
    list means ``make_optimizer(name, **hp)`` succeeds.
    """
    spec = OPTIMIZERS.get(name) if isinstance(name, str) else None
    if spec is None:
        close = difflib.get_close_matches(str(name), list(OPTIMIZERS), n=1)
        if close:
            return [("optimizer", Msg("unknown optimizer {value} (did you mean '{close}'?); "
                                      "one of {names}", value=_show(name), close=close[0],
                                      names=", ".join(OPTIMIZERS)))]
        return [("optimizer", Msg("unknown optimizer {value}; one of {names}",
                                  value=_show(name), names=", ".join(OPTIMIZERS)))]
    problems: list[tuple[str, str]] = []
    allowed = list(spec.defaults)
    good: dict[str, Any] = {}
    for key, value in hp.items():
        kind = spec.kinds.get(key)
        if kind is None:
            problems.append((key, _unknown_message(name, key, allowed)))
            continue
        problem = _type_problem(kind, value)
        if problem:
            problems.append((key, problem))
            continue
        good[key] = value
        if key in _NONNEGATIVE and value < 0:
            problems.append((key, Msg("expected a number >= 0 ({why}), got {value}",
                                      why=_NONNEGATIVE[key], value=_show(value))))
        elif key == "rho" and not 0 <= value <= 1:
            problems.append((key, Msg("expected a number in [0, 1] (the decay of the running "
                                      "averages), got {value}", value=_show(value))))
        elif key == "betas":
            for i, b in enumerate(value):
                if not 0 <= b < 1 and i == 0:
                    problems.append((key, Msg("betas[0] must be in [0, 1) (the decay of the "
                                              "first moment), got {value}", value=_show(b))))
                elif not 0 <= b < 1:
                    problems.append((key, Msg("betas[1] must be in [0, 1) (the decay of the "
                                              "second moment), got {value}", value=_show(b))))
    if name == "sgd" and good.get("nesterov") is True and \
            all(k in good or k not in hp for k in ("momentum", "dampening")):
        momentum = good.get("momentum", spec.defaults["momentum"])
        dampening = good.get("dampening", spec.defaults["dampening"])
        if momentum <= 0 or dampening != 0:
            problems.append(("nesterov", Msg("Nesterov momentum needs momentum > 0 and "
                                             "dampening = 0, got momentum = {momentum} and "
                                             "dampening = {dampening}",
                                             momentum=_show(momentum),
                                             dampening=_show(dampening))))
    return problems


def make_optimizer(name: str, **hp: Any) -> Optimizer:
    """The optimizer ``name`` with hyperparameters ``hp`` over torch's defaults.

    Raises ValueError, listing every problem :func:`check_hyper` finds.
    """
    problems = check_hyper(name, hp)
    if problems:
        raise ValueError("; ".join(f"{key}: {msg}" for key, msg in problems))
    spec = OPTIMIZERS[name]
    merged: dict[str, Any] = {}
    for key, default in spec.defaults.items():
        value = hp.get(key, default)
        kind = spec.kinds[key]
        merged[key] = (bool(value) if kind == BOOL else
                       (float(value[0]), float(value[1])) if kind == BETAS else float(value))
    return spec.cls(merged)
