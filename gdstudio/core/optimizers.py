"""The optimizers of torch.optim, and Newton's method, as pure ``(init, update)`` transforms.

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
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple, overload

import numpy as np

from gdstudio.core.errors import Msg
from gdstudio.core.values import is_real as _is_real
from gdstudio.core.values import show as _show

Lr = float | np.ndarray
Momentum = float | np.ndarray | None
Closure = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


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


class RpropState(NamedTuple):
    step: int
    prev: np.ndarray | None        # None until the first step (torch makes it there)
    step_size: np.ndarray | None   # filled with the lr in force at the first step


class ASGDState(NamedTuple):
    step: int
    eta: float | np.ndarray | None   # the lr in force at the first step, then torch's eta
    mu: float
    ax: np.ndarray


class AdafactorState(NamedTuple):
    step: int
    variance: np.ndarray


class NewtonState(NamedTuple):
    pass


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

    ``evals_per_step`` is what one step costs at least in evaluations, the unit of the
    fair race's evaluation budget: one evaluation is one computation of the loss and its
    gradient (a closure call), and an exact Hessian counts as one more (Newton: 2). A
    run under a budget of E evaluations gets ``E // evals_per_step`` steps; an optimizer
    that calls its closure more often (``needs_closure``: L-BFGS's line search) has the
    calls counted by the run loop, which ends it where its next step would pass E.
    """

    name: str = ""
    state_in_constructor: bool = False
    needs_hessian: bool = False
    evals_per_step: int = 1
    needs_closure: bool = False
    max_trials: int = 0
    """The most closure calls one step makes beyond its first (the budget's bound)."""
    history_entries: int = 0
    """Entries of history each member keeps (pairs of vectors and a number)."""

    def __init__(self, hp: dict[str, Any]):
        self.hp = hp

    def init(self, w: np.ndarray) -> NamedTuple:
        raise NotImplementedError

    def update(self, state, w: np.ndarray, g: np.ndarray, lr: Lr,
               momentum: Momentum = None, hessian: np.ndarray | None = None,
               loss: np.ndarray | None = None, closure: Closure | None = None,
               ) -> tuple[np.ndarray, NamedTuple]:
        """One step: the new parameters and the new state (see the module docstring).

        ``hessian`` is the ``(N, 2, 2)`` Hessian at ``w`` of the loss ``g`` is the
        gradient of; only optimizers with ``needs_hessian`` read it (and require it).
        Optimizers with ``needs_closure`` (L-BFGS) require ``loss``, the ``(N,)`` loss at
        ``w`` that ``g`` belongs to, and ``closure(w, members) -> (loss, g)``, which
        evaluates the same loss at the ``(k, 2)`` points ``w`` of the members with the
        given indices (clipping the gradients as the run does), as torch's closure does.
        Overflow and NaN are not warned about: they propagate as in torch, for the caller
        to judge.
        """
        with np.errstate(all="ignore"):
            return self.update_quietly(state, w, g, lr, momentum, hessian, loss, closure)

    def update_quietly(self, state, w: np.ndarray, g: np.ndarray, lr: Lr,
                       momentum: Momentum = None, hessian: np.ndarray | None = None,
                       loss: np.ndarray | None = None, closure: Closure | None = None,
                       ) -> tuple[np.ndarray, NamedTuple]:
        """:meth:`update` for a caller that already ignores floating-point errors
        (``np.errstate(all="ignore")``): the run loop enters that once for a batch of
        steps, since entering it costs as much as a small swarm's whole update."""
        if self.needs_hessian:
            return self._update_with_hessian(state, w, g, lr, hessian)
        if self.needs_closure:
            return self._update_with_closure(state, w, g, loss, lr, closure)
        return self._update(state, w, g, lr, momentum)

    def exposed_state(self, state) -> dict[str, Any]:
        """The state by torch's names, as ``--state`` shows it: ``(N, 2)`` arrays for a
        tensor, numbers or ``(N,)`` arrays for a number, None where absent."""
        return state._asdict()

    def _update_with_hessian(self, state, w, g, lr, hessian):
        raise NotImplementedError

    def _update_with_closure(self, state, w, g, loss, lr, closure):
        raise NotImplementedError

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


class Rprop(Optimizer):
    r"""``torch.optim.Rprop``: resilient backpropagation, steps of a per-coordinate size.

    State (made at the first step): ``prev`` = 0 and ``step_size`` = the lr in force then.
    Each step, with ``(eta_minus, eta_plus) = etas`` and ``(lo, hi) = step_sizes``::

        s          = sign(g * prev)
        f          = eta_plus where s > 0, eta_minus where s < 0, 1 where s = 0
        step_size <- clamp(step_size * f, lo, hi)
        g         <- 0 where f = eta_minus
        w         <- w - sign(g) * step_size
        prev      <- g

    Subtleties: only the sign of the gradient moves ``w``; ``lr`` is read once, when the
    state is made, so a schedule (or a change of ``lr``) after the first step has no
    effect, as in torch. After a sign change the gradient is zeroed, so the next step
    neither grows nor shrinks that coordinate's step size.
    """

    name = "rprop"

    def __init__(self, hp):
        super().__init__(hp)
        self.etaminus, self.etaplus = hp["etas"]
        self.step_size_min, self.step_size_max = hp["step_sizes"]

    def init(self, w):
        return RpropState(0, None, None)

    def _update(self, state, w, g, lr, momentum):
        prev, step_size = state.prev, state.step_size
        if prev is None or step_size is None:
            prev = _zeros(w)
            step_size = np.array(np.broadcast_to(lr, np.shape(w)), dtype=np.float64)
        sign = np.sign(np.multiply(g, prev))
        factor = np.where(sign > 0, self.etaplus,
                          np.where(sign < 0, self.etaminus, np.where(sign == 0, 1.0, sign)))
        step_size = np.multiply(step_size, factor)
        step_size = np.minimum(np.maximum(step_size, self.step_size_min), self.step_size_max)
        g = np.where(factor == self.etaminus, 0.0, g)
        w = np.subtract(w, np.sign(g) * step_size)
        return w, RpropState(state.step + 1, g, step_size)


class ASGD(Optimizer):
    r"""``torch.optim.ASGD``: averaged SGD with a decaying step ``eta`` and an average ``ax``.

    State (made at the first step): ``eta`` = the lr in force then, ``mu`` = 1, ``ax`` = 0.
    Each step t = 1, 2, ...::

        g   <- g + weight_decay * w                          (fused)
        w   <- w * (1 - lambd * eta)
        w   <- w - eta * g                                   (fused)
        ax  <- w                         if mu = 1
        ax  <- ax + (w - ax) * mu        otherwise
        eta  = lr / (1 + lambd * lr * t) ** alpha             Python floats
        mu   = 1 / max(1, t - t0)

    Subtleties: step t uses the ``eta`` computed at the end of step t - 1 (the lr itself
    at the first step), so a new lr acts one step late; ``ax`` averages the iterates only
    once ``t > t0 + 1`` (t0 defaults to 1e6: until then ``ax`` is the last iterate).
    """

    name = "asgd"

    def __init__(self, hp):
        super().__init__(hp)
        self.lambd = hp["lambd"]
        self.alpha = hp["alpha"]
        self.t0 = hp["t0"]
        self.weight_decay = hp["weight_decay"]

    def init(self, w):
        return ASGDState(0, None, 1.0, _zeros(w))

    def _update(self, state, w, g, lr, momentum):
        step = state.step + 1
        eta = lr if state.eta is None else state.eta
        if self.weight_decay != 0:
            g = _fma(self.weight_decay, w, g)
        w = np.multiply(w, 1 - self.lambd * eta)
        w = _fma(-eta, g, w)
        if state.mu != 1:
            ax = np.subtract(w, state.ax)
            ax *= state.mu
            ax += state.ax
        else:
            ax = np.array(w)
        eta = lr / np.power(1 + self.lambd * lr * step, self.alpha)
        if not isinstance(eta, np.ndarray) or eta.ndim == 0:
            eta = float(eta)
        mu = 1 / max(1, step - self.t0)
        return w, ASGDState(step, eta, float(mu), ax)


class Adafactor(Optimizer):
    r"""``torch.optim.Adafactor`` on a vector (each member's ``w`` is one 1-D parameter).

    With ``(eps1, eps2) = eps`` (torch's ``eps1 = None`` is the float64 machine epsilon,
    2**-52, our default), each step t = 1, 2, ...::

        beta2_t = t ** beta2_decay                            Python floats
        rho     = min(lr, 1 / sqrt(t))
        a       = max(eps2, ||w|| / sqrt(2)) * rho            (the w before weight decay)
        w      <- w * (1 - lr * weight_decay)
        v      <- lerp(v, g * g, beta2_t)                     (fused)
        u       = g / sqrt(max(v, eps1 ** 2))
        w      <- w - (a / max(1, ||u|| / (sqrt(2) * d))) * u    (fused)

    Subtleties: a vector takes torch's unfactored branch (the row and column factors are
    for matrices); the step is relative to the size of ``w`` (``a``), so a start at the
    origin moves by ``eps2 * rho`` only; ``d`` caps the RMS of the update.
    """

    name = "adafactor"

    def __init__(self, hp):
        super().__init__(hp)
        self.beta2_decay = hp["beta2_decay"]
        self.eps1, self.eps2 = hp["eps"]
        self.d = hp["d"]
        self.weight_decay = hp["weight_decay"]

    def init(self, w):
        return AdafactorState(0, _zeros(w))

    def _update(self, state, w, g, lr, momentum):
        step = state.step + 1
        step_float = float(step)
        one_minus_beta2_t = step_float**self.beta2_decay
        limit = 1 / (step_float**0.5)
        rho = np.minimum(lr, limit) if isinstance(lr, np.ndarray) else min(lr, limit)
        root_n = np.shape(w)[1] ** 0.5
        alpha = np.maximum(self.eps2, _row_norm(w) / root_n) * rho
        if self.weight_decay != 0:
            w = np.multiply(w, 1 - lr * self.weight_decay)
        variance = _lerp(state.variance, np.multiply(g, g), one_minus_beta2_t)
        update = np.maximum(variance, self.eps1 * self.eps1)
        np.sqrt(update, out=update)
        np.divide(1.0, update, out=update)
        update *= g
        denom = np.maximum(1.0, _row_norm(update) / (root_n * self.d))
        return _fma(-alpha / denom, update, w), AdafactorState(step, variance)


def _row_norm(a: np.ndarray) -> np.ndarray:
    """The 2-norm of each row of ``(N, 2)`` ``a``, as ``(N, 1)``."""
    return np.sqrt(np.sum(np.multiply(a, a), axis=1, keepdims=True))


class Newton(Optimizer):
    r"""Newton's method with the exact Hessian (not in torch.optim).

    Each step, with the Hessian ``H`` of the loss at ``w`` (of the batch, for mini-batch
    runs)::

        w <- w - lr * (H + damping * I)^-1 g

    Subtleties: ``lr = 1`` and ``damping = 0`` (the defaults) jump to the stationary point
    of the local quadratic model: the minimum of a convex quadratic in one step, but
    equally a saddle or a maximum, since nothing checks that ``H`` is positive definite.
    A singular ``H + damping * I`` gives NaN, which ends the run as diverged.
    """

    name = "newton"
    needs_hessian = True
    evals_per_step = 2

    def __init__(self, hp):
        super().__init__(hp)
        self.damping = hp["damping"]

    def init(self, w):
        return NewtonState()

    def _update_with_hessian(self, state, w, g, lr, hessian):
        if hessian is None:
            raise ValueError("newton needs the Hessian of the loss")
        a = np.array(hessian, dtype=np.float64)
        a[:, 0, 0] += self.damping
        a[:, 1, 1] += self.damping
        return _fma(-lr, _solve(a, g), w), state


def _solve(a: np.ndarray, g: np.ndarray) -> np.ndarray:
    """``a[i]^-1 g[i]`` for each member (LAPACK's LU solve); NaN rows where ``a[i]`` is singular."""
    try:
        return np.linalg.solve(a, g[..., None])[..., 0]
    except np.linalg.LinAlgError:
        out = np.full(np.shape(g), np.nan)
        for i in range(len(g)):
            try:
                out[i] = np.linalg.solve(a[i], g[i])
            except np.linalg.LinAlgError:
                pass
        return out


class LBFGSState(NamedTuple):
    func_evals: np.ndarray       # (N,) closure calls so far
    n_iter: np.ndarray           # (N,) iterations so far
    d: np.ndarray                # (N, 2) the last direction; NaN until the first iteration
    t: np.ndarray                # (N,) the last step length; NaN until then
    H_diag: np.ndarray           # (N,) the initial inverse Hessian's scale
    prev_flat_grad: np.ndarray   # (N, 2)
    prev_loss: np.ndarray        # (N,)
    old_dirs: np.ndarray         # (N, history_size, 2) the y's, oldest first
    old_stps: np.ndarray         # (N, history_size, 2) the s's
    ro: np.ndarray               # (N, history_size) 1 / (y . s)
    n_old: np.ndarray            # (N,) how many of the history entries are in use


def _dot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a[i].dot(b[i])`` per row of two ``(k, 2)`` arrays, as torch's CPU dot rounds it:
    each product rounded, then their sum."""
    return a[..., 0] * b[..., 0] + a[..., 1] * b[..., 1]


class LBFGS(Optimizer):
    r"""``torch.optim.LBFGS``: limited-memory BFGS, several closure calls per step.

    One call of ``update`` is one ``optimizer.step(closure)`` of every member, each its
    own model (torch with one tensor and one optimizer per start). With ``f, g`` the
    closure's loss and gradient at ``w`` (the caller passes them: the step's first
    evaluation)::

        func_evals += 1
        if max|g| <= tolerance_grad: return w            (nothing else changes)
        repeat up to max_iter times:
            n_iter += 1
            if n_iter == 1:  d = -g; history empty; H_diag = 1
            else:
                y = g - prev_g;  s = d * t;  ys = y . s
                if ys > 1e-10: push (y, s, 1 / ys), dropping the oldest beyond
                               history_size; H_diag = ys / (y . y)
                d = two-loop recursion over the history, newest first, times H_diag
            prev_g = g;  prev_loss = f
            t = min(1, 1 / sum|g|) * lr  on the very first iteration, else lr
            if g . d > -tolerance_change: stop
            strong_wolfe: f, g, t = line search along d from w (closure calls);  w += t d
            otherwise:    w += t d  and, unless this is the last iteration, f, g = closure(w)
            stop after max_iter iterations, max_eval closure calls in the step, when
            max|g| <= tolerance_grad, max|t d| <= tolerance_change or
            |f - prev_loss| < tolerance_change

    ``max_eval`` defaults to ``max_iter * 5 // 4``. The dot products round each product
    (torch's CPU ``dot``); ``w + t d`` and the recursion's ``q + a y`` are fused as
    torch's ``add_(alpha=)`` is. The line search is torch's ``_strong_wolfe`` (c1 = 1e-4,
    c2 = 0.9, at most ``max_eval`` minus the calls made so far trial points beyond the
    first). Every member takes its own branches; each iteration, and each round of the
    line search, is one array operation (and one closure call) for all the members still
    at it.

    Subtleties: the scale of the very first step depends on the gradient (a first step
    of length at most ``lr`` in the 1-norm); ``t`` stays the last step length even when
    the next direction is rejected; without a line search the last iteration moves
    without evaluating, so the next step's first call is the only one at that point.
    """

    name = "lbfgs"
    needs_closure = True

    def __init__(self, hp):
        super().__init__(hp)
        self.max_iter = hp["max_iter"]
        self.max_eval = hp["max_eval"]
        self.tolerance_grad = hp["tolerance_grad"]
        self.tolerance_change = hp["tolerance_change"]
        self.history_size = hp["history_size"]
        self.strong_wolfe = hp["line_search_fn"] == "strong_wolfe"
        self.max_trials = (self.max_eval if self.strong_wolfe
                           else max(min(self.max_iter, self.max_eval) - 1, 0))
        self.history_entries = self.history_size

    def init(self, w):
        n, h = len(w), self.history_size
        return LBFGSState(
            func_evals=np.zeros(n, dtype=np.int64), n_iter=np.zeros(n, dtype=np.int64),
            d=np.full((n, 2), np.nan), t=np.full(n, np.nan), H_diag=np.full(n, np.nan),
            prev_flat_grad=np.full((n, 2), np.nan), prev_loss=np.full(n, np.nan),
            old_dirs=np.zeros((n, h, 2)), old_stps=np.zeros((n, h, 2)),
            ro=np.zeros((n, h)), n_old=np.zeros(n, dtype=np.int64))

    def exposed_state(self, state) -> dict[str, Any]:
        return {k: getattr(state, k) for k in ("func_evals", "n_iter", "d", "t", "H_diag",
                                               "prev_flat_grad", "prev_loss")}

    def _update_with_closure(self, state, w, g, loss, lr, closure):
        if closure is None or loss is None:
            raise ValueError("lbfgs needs the loss at w and a closure")
        n = len(w)
        lr_v = np.broadcast_to(np.reshape(np.asarray(lr, dtype=np.float64), -1), (n,))
        s = {k: np.array(v) for k, v in state._asdict().items()}
        x = np.array(w, dtype=np.float64)
        flat_grad = np.array(g, dtype=np.float64)
        f = np.array(loss, dtype=np.float64).reshape(n)
        s["func_evals"] += 1
        current = np.ones(n, dtype=np.int64)
        active = ~(np.abs(flat_grad).max(axis=1) <= self.tolerance_grad)
        it = 0
        while it < self.max_iter:
            idx = np.flatnonzero(active)
            if idx.size == 0:
                break
            it += 1
            s["n_iter"][idx] += 1
            first = s["n_iter"][idx] == 1
            fi, li = idx[first], idx[~first]
            s["d"][fi] = -flat_grad[fi]
            s["n_old"][fi] = 0
            s["H_diag"][fi] = 1.0
            if li.size:
                self._direction(s, li, flat_grad[li])
            s["prev_flat_grad"][idx] = flat_grad[idx]
            s["prev_loss"][idx] = f[idx]
            step = lr_v[idx].copy()
            if fi.size:
                inv = 1.0 / np.abs(flat_grad[fi]).sum(axis=1)
                step[first] = np.where(inv < 1.0, inv, 1.0) * lr_v[fi]
            s["t"][idx] = step
            gtd = _dot(flat_grad[idx], s["d"][idx])
            keep = ~(gtd > -self.tolerance_change)
            mv, gtd = idx[keep], gtd[keep]
            active[:] = False
            if mv.size == 0:
                break
            d = s["d"][mv]
            if self.strong_wolfe:
                f[mv], flat_grad[mv], t_mv, evals = _strong_wolfe(
                    closure, mv, x[mv], s["t"][mv], d, f[mv], flat_grad[mv], gtd,
                    self.tolerance_change, self.max_eval - current[mv])
                s["t"][mv] = t_mv
                x[mv] = _fma(t_mv[:, None], d, x[mv])
                current[mv] += evals
                s["func_evals"][mv] += evals
            else:
                x[mv] = _fma(s["t"][mv][:, None], d, x[mv])
                if it != self.max_iter:
                    f[mv], flat_grad[mv] = closure(x[mv].copy(), mv)
                    current[mv] += 1
                    s["func_evals"][mv] += 1
            if it == self.max_iter:
                break
            t_mv = s["t"][mv]
            stop = ((current[mv] >= self.max_eval)
                    | (np.abs(flat_grad[mv]).max(axis=1) <= self.tolerance_grad)
                    | (np.abs(d * t_mv[:, None]).max(axis=1) <= self.tolerance_change)
                    | (np.abs(f[mv] - s["prev_loss"][mv]) < self.tolerance_change))
            active[mv[~stop]] = True
        return x, LBFGSState(**s)

    def _direction(self, s: dict[str, np.ndarray], li: np.ndarray, g: np.ndarray) -> None:
        """The memory update and the two-loop recursion for members ``li`` (past their
        first iteration), ``g`` their gradients: writes ``d`` and the history in ``s``."""
        y = g - s["prev_flat_grad"][li]
        st = s["d"][li] * s["t"][li][:, None]
        ys = _dot(y, st)
        upd = ys > 1e-10
        u = li[upd]
        if u.size:
            dirs, stps, ro, n_old = s["old_dirs"], s["old_stps"], s["ro"], s["n_old"]
            full = u[n_old[u] == self.history_size]
            if full.size:
                dirs[full, :-1] = dirs[full, 1:]
                stps[full, :-1] = stps[full, 1:]
                ro[full, :-1] = ro[full, 1:]
                n_old[full] -= 1
            pos = n_old[u]
            dirs[u, pos] = y[upd]
            stps[u, pos] = st[upd]
            ro[u, pos] = 1.0 / ys[upd]
            n_old[u] += 1
            s["H_diag"][u] = ys[upd] / _dot(y[upd], y[upd])
        num = s["n_old"][li]
        top = int(num.max())
        rows = slice(None) if len(li) == len(num) == len(s["n_old"]) else li
        dirs, stps, ro = (s[k][rows, :top] for k in ("old_dirs", "old_stps", "ro"))
        ragged = bool((num != top).any())
        q = -g
        al = np.empty((len(li), top))
        for i in range(top - 1, -1, -1):
            al[:, i] = _dot(stps[:, i], q) * ro[:, i]
            new = _fma(-al[:, i, None], dirs[:, i], q)
            q = np.where((num > i)[:, None], new, q) if ragged else new
        r = q * s["H_diag"][li][:, None]
        for i in range(top):
            be = _dot(dirs[:, i], r) * ro[:, i]
            new = _fma((al[:, i] - be)[:, None], stps[:, i], r)
            r = np.where((num > i)[:, None], new, r) if ragged else new
        s["d"][li] = r


def _py_max(a, b):
    """Python's ``max(a, b)`` elementwise: ``b`` only where ``b > a`` (NaN keeps ``a``)."""
    return np.where(b > a, b, a)


def _py_min(a, b):
    """Python's ``min(a, b)`` elementwise: ``b`` only where ``b < a``."""
    return np.where(b < a, b, a)


def _cubic_interpolate(x1, f1, g1, x2, f2, g2, bounds=None):
    """torch.optim.lbfgs._cubic_interpolate elementwise: the minimiser of the cubic through
    two points with their slopes, clamped to ``bounds`` (default the two points), or the
    middle of the bounds where the cubic has none."""
    if bounds is not None:
        xmin_bound, xmax_bound = bounds
    else:
        first = x1 <= x2
        xmin_bound, xmax_bound = np.where(first, x1, x2), np.where(first, x2, x1)
    d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2)
    d2_square = d1 * d1 - g1 * g2
    d2 = np.sqrt(np.where(d2_square >= 0, d2_square, 0.0))
    min_pos = np.where(x1 <= x2, x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2)),
                       x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2)))
    clamped = _py_min(_py_max(min_pos, xmin_bound), xmax_bound)
    return np.where(d2_square >= 0, clamped, (xmin_bound + xmax_bound) / 2.0)


def _strong_wolfe(closure: Closure, members: np.ndarray, x, t, d, f, g, gtd,
                  tolerance_change: float, max_ls: np.ndarray, c1: float = 1e-4,
                  c2: float = 0.9):
    """torch.optim.lbfgs._strong_wolfe for every member at once: from ``x`` along ``d``
    (``(k, 2)``), first trial ``t``, loss ``f``, gradient ``g`` and slope ``gtd`` at ``x``,
    at most ``max_ls`` further trials each. Returns the accepted loss, gradient, step
    length and closure calls of each member.

    Each member follows torch's branches on its own values (bracketing, then zooming
    with cubic interpolation); a round evaluates the members that need a trial point in
    one closure call, each at ``x + t d`` (fused)."""
    k = len(members)
    rows = np.arange(k)
    d_norm = np.abs(d).max(axis=1)
    evals = np.zeros(k, dtype=np.int64)

    def evaluate(sel, step):
        fv, gv = closure(_fma(step[sel, None], d[sel], x[sel]), members[sel])
        evals[sel] += 1
        return fv, gv, _dot(gv, d[sel])

    f_new, g_new, gtd_new = (np.array(v, dtype=np.float64) for v in evaluate(rows, t))
    t = np.array(t, dtype=np.float64)
    t_prev, f_prev, g_prev, gtd_prev = np.zeros(k), f.copy(), g.copy(), gtd.copy()
    ls_iter = np.zeros(k, dtype=np.int64)
    done = np.zeros(k, dtype=bool)
    b, bf = np.zeros((k, 2)), np.zeros((k, 2))
    bg, bgtd = np.zeros((k, 2, 2)), np.full((k, 2), np.nan)

    def set_bracket(sel, pos, step, fv, gv, gtdv):
        b[sel, pos], bf[sel, pos], bg[sel, pos], bgtd[sel, pos] = step, fv, gv, gtdv

    bracketing = np.ones(k, dtype=bool)
    while bracketing.any():
        can = bracketing & (ls_iter < max_ls)
        out = bracketing & ~can
        set_bracket(out, 0, 0.0, f[out], g[out], np.nan)
        set_bracket(out, 1, t[out], f_new[out], g_new[out], np.nan)
        armijo = can & ((f_new > (f + c1 * t * gtd)) | ((ls_iter > 1) & (f_new >= f_prev)))
        wolfe = can & ~armijo & (np.abs(gtd_new) <= -c2 * gtd)
        rising = can & ~armijo & ~wolfe & (gtd_new >= 0)
        pair = armijo | rising
        set_bracket(pair, 0, t_prev[pair], f_prev[pair], g_prev[pair], gtd_prev[pair])
        set_bracket(pair, 1, t[pair], f_new[pair], g_new[pair], gtd_new[pair])
        set_bracket(wolfe, 0, t[wolfe], f_new[wolfe], g_new[wolfe], gtd_new[wolfe])
        set_bracket(wolfe, 1, t[wolfe], f_new[wolfe], g_new[wolfe], gtd_new[wolfe])
        done |= wolfe
        bracketing = can & ~pair & ~wolfe
        sel = np.flatnonzero(bracketing)
        if sel.size == 0:
            break
        ts, tp = t[sel], t_prev[sel]
        t[sel] = _cubic_interpolate(tp, f_prev[sel], gtd_prev[sel], ts, f_new[sel],
                                    gtd_new[sel], bounds=(ts + 0.01 * (ts - tp), ts * 10))
        t_prev[sel], f_prev[sel], g_prev[sel], gtd_prev[sel] = (
            ts, f_new[sel], g_new[sel], gtd_new[sel])
        f_new[sel], g_new[sel], gtd_new[sel] = evaluate(sel, t)
        ls_iter[sel] += 1

    low = np.where(bf[:, 0] <= bf[:, 1], 0, 1)
    insuf_progress = np.zeros(k, dtype=bool)
    while True:
        zoom = ~done & (ls_iter < max_ls)
        zoom &= ~(np.abs(b[:, 1] - b[:, 0]) * d_norm < tolerance_change)
        sel = np.flatnonzero(zoom)
        if sel.size == 0:
            break
        bs, bfs, bgtds = b[sel], bf[sel], bgtd[sel]
        ts = _cubic_interpolate(bs[:, 0], bfs[:, 0], bgtds[:, 0], bs[:, 1], bfs[:, 1],
                                bgtds[:, 1])
        hi, lo = _py_max(bs[:, 0], bs[:, 1]), _py_min(bs[:, 0], bs[:, 1])
        eps = 0.1 * (hi - lo)
        near = _py_min(hi - ts, ts - lo) < eps
        move = near & (insuf_progress[sel] | (ts >= hi) | (ts <= lo))
        ts = np.where(move, np.where(np.abs(ts - hi) < np.abs(ts - lo), hi - eps, lo + eps),
                      ts)
        insuf_progress[sel] = near & ~move
        t[sel] = ts
        fs, gs, gtds = evaluate(sel, t)
        ls_iter[sel] += 1
        lo_pos = low[sel]
        hi_pos = 1 - lo_pos
        worse = (fs > (f[sel] + c1 * ts * gtd[sel])) | (fs >= bfs[np.arange(len(sel)), lo_pos])
        w_ = sel[worse]
        set_bracket(w_, hi_pos[worse], ts[worse], fs[worse], gs[worse], gtds[worse])
        low[w_] = np.where(bf[w_, 0] <= bf[w_, 1], 0, 1)
        keep = ~worse
        good = sel[keep]
        wolfe = np.abs(gtds[keep]) <= -c2 * gtd[good]
        done[good[wolfe]] = True
        lp, hp = lo_pos[keep], hi_pos[keep]
        swap = ~wolfe & (gtds[keep] * (b[good, hp] - b[good, lp]) >= 0)
        s_ = good[swap]
        set_bracket(s_, hp[swap], b[s_, lp[swap]], bf[s_, lp[swap]], bg[s_, lp[swap]],
                    bgtd[s_, lp[swap]])
        set_bracket(good, lp, ts[keep], fs[keep], gs[keep], gtds[keep])
    return bf[rows, low], bg[rows, low], b[rows, low], evals


# -- the registry ---------------------------------------------------------------------------

REAL, BETAS, BOOL, PAIR, INT, CHOICE = "real", "betas", "bool", "pair", "int", "choice"
LINE_SEARCHES = ("strong_wolfe",)


@dataclass(frozen=True, eq=False)
class OptimizerDef:
    """One optimizer as scenes and the GUI see it.

    ``defaults`` are torch 2.13's constructor defaults for every supported keyword (the
    keywords minus params, maximize, foreach, capturable, differentiable and fused);
    ``kinds`` says what each keyword holds (``"real"``, ``"betas"``, ``"pair"``,
    ``"bool"``, ``"int"`` a whole number, ``"choice"`` a name; for the last two a default
    of None means derived or not used);
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
    (Rprop, "Rprop", {"lr": 1e-2, "etas": (0.5, 1.2), "step_sizes": (1e-6, 50.0)}, None),
    (ASGD, "ASGD", {"lr": 1e-2, "lambd": 1e-4, "alpha": 0.75, "t0": 1e6,
                    "weight_decay": 0.0}, None),
    (Adafactor, "Adafactor", {"lr": 1e-2, "beta2_decay": -0.8, "eps": (2.0**-52, 1e-3),
                              "d": 1.0, "weight_decay": 0.0}, None),
    (Newton, "", {"lr": 1.0, "damping": 0.0}, None),
    (LBFGS, "LBFGS", {"lr": 1.0, "max_iter": 20, "max_eval": None, "tolerance_grad": 1e-7,
                      "tolerance_change": 1e-9, "history_size": 100, "line_search_fn": None},
     None),
)

# Keywords that hold a whole number (None: derived) or a name (None: not used).
_INT_KEYS = {"max_iter", "max_eval", "history_size"}


def _kind(key: str, value: Any) -> str:
    if key in _INT_KEYS:
        return INT
    if key == "line_search_fn":
        return CHOICE
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, tuple):
        return BETAS if key == "betas" else PAIR
    return REAL


OPTIMIZERS: dict[str, OptimizerDef] = {
    cls.name: OptimizerDef(name=cls.name, torch_name=torch_name, defaults=defaults,
                           momentum_key=momentum_key, doc=inspect.cleandoc(cls.__doc__ or ""),
                           kinds={k: _kind(k, v) for k, v in defaults.items()}, cls=cls)
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
    "tolerance_grad": Msg("a tolerance on the gradient cannot be negative"),
    "tolerance_change": Msg("a tolerance on the change cannot be negative"),
}

# ASGD's alpha is the power of its eta decay, which torch does not restrict.
_ANY_SIGN = {("asgd", "alpha")}


_ALIASES = {"learning_rate": "lr", "lr_rate": "lr", "rate": "lr", "epsilon": "eps",
            "beta1": "betas", "beta2": "betas", "beta_1": "betas", "beta_2": "betas",
            "wd": "weight_decay", "l2": "weight_decay", "decay": "weight_decay",
            "nesterov_momentum": "nesterov", "beta": "betas"}






def _type_problem(kind: str, v: Any) -> str | None:
    if kind == INT:
        if v is None or (isinstance(v, int) and not isinstance(v, bool)):
            return None
        return Msg("expected a whole number, got {value}", value=_show(v))
    if kind == CHOICE:
        if v is None or v in LINE_SEARCHES:
            return None
        return Msg("expected {names} (or leave it out for no line search), got {value}",
                   names=", ".join(f'"{n}"' for n in LINE_SEARCHES), value=_show(v))
    if kind == BOOL:
        return None if isinstance(v, bool) else Msg("expected true or false, got {value}",
                                                     value=_show(v))
    if kind == REAL:
        if not _is_real(v):
            return Msg("expected a number, got {value}", value=_show(v))
        if not math.isfinite(v):
            return Msg("expected a finite number, got {value}", value=_show(v))
        return None
    if kind == PAIR:
        if not isinstance(v, list | tuple) or len(v) != 2:
            return Msg("expected a pair of numbers [a, b], got {value}", value=_show(v))
        for i, b in enumerate(v):
            if not _is_real(b) or not math.isfinite(b):
                return Msg("expected a pair of finite numbers, entry {i} is {value}", i=i,
                           value=_show(b))
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


def _range_problem(name: str, key: str, value: Any) -> str | None:
    """What torch's constructor of Rprop, Adafactor (and our Newton) rejects in ``value``."""
    if key == "etas":
        if not 0 < value[0] < 1 < value[1]:
            return Msg("expected [eta_minus, eta_plus] with 0 < eta_minus < 1 < eta_plus (the "
                       "factors that shrink and grow a step), got {value}", value=_show(value))
    elif name == "adafactor" and key == "eps":
        if value[0] < 0 or value[1] < 0:
            return Msg("expected [eps1, eps2] both >= 0 (eps1 floors the second moment, eps2 "
                       "the relative step size), got {value}", value=_show(value))
    elif key == "beta2_decay" and value > 0:
        return Msg("expected a number <= 0 (the second moment's decay is t ** beta2_decay), "
                   "got {value}", value=_show(value))
    elif key == "d" and value < 1:
        return Msg("expected a number >= 1 (the clipping threshold of the update's RMS), "
                   "got {value}", value=_show(value))
    elif key == "damping" and value < 0:
        return Msg("expected a number >= 0 (damping adds damping * I to the Hessian), "
                   "got {value}", value=_show(value))
    elif key in _INT_KEYS and value is not None and value < 1:
        return Msg("expected a whole number >= 1 ({why}), got {value}",
                   why=_AT_LEAST_ONE[key], value=_show(value))
    return None


_AT_LEAST_ONE = {
    "max_iter": Msg("iterations per step"),
    "max_eval": Msg("function evaluations per step"),
    "history_size": Msg("how many steps L-BFGS remembers"),
}


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
            return [("optimizer", Msg("unknown optimizer {value} (did you mean {close}?); "
                                      "one of {names}", value=_show(name),
                                      close=_show(close[0]),
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
        if kind == REAL and key in _NONNEGATIVE and value < 0 and \
                (name, key) not in _ANY_SIGN:
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
        problem = _range_problem(name, key, value)
        if problem:
            problems.append((key, problem))
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

    Its ``hp`` is the param group as torch's constructor leaves it (L-BFGS's ``max_eval``
    of None becomes ``max_iter * 5 // 4`` there, and stays when ``max_iter`` changes).
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
                       value if kind in (INT, CHOICE) else
                       (float(value[0]), float(value[1])) if kind in (BETAS, PAIR)
                       else float(value))
    if name == "lbfgs" and merged["max_eval"] is None:
        merged["max_eval"] = merged["max_iter"] * 5 // 4
    return spec.cls(merged)
