"""Loss landscapes of a small neural network, after Li et al. (2018), "Visualizing the Loss
Landscape of Neural Nets" (NeurIPS; reference code: github.com/tomgoldstein/loss-landscape).

A network's loss lives in hundreds of dimensions; the paper looks at it on a plane through
the trained weights ``w*``: ``L(w* + alpha * d1 + beta * d2)``. The directions are either
random with *filter normalisation* (each neuron's slice of the direction rescaled to the
norm of that neuron's weights, so the picture does not depend on the weights' scale) or
the top two principal directions of the training trajectory, onto which the trajectory is
then projected.

Here: a numpy MLP with softmax cross-entropy (:class:`MLP`), trained on Fisher's Iris data
(:func:`load_iris`, shipped in ``resources/data/iris.csv``) by the core optimizers
(:func:`train`); the two kinds of directions; :func:`loss_plane`, which samples the plane
into a :class:`GridSurface` — a smooth surface through grid values that has the
``Surface`` interface, so the toy optimizers and the views can run on it; and
:func:`load_h5_surface`, which reads the ``.h5`` surface files of the reference code.

A weight vector is flat: for each layer its matrix ``W`` (outputs x inputs, a row per
neuron, as ``torch.nn.Linear.weight``) in C order, then its bias.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from gdstudio.core import fileio
from gdstudio.core.errors import Cancelled, DataError, GdError, Msg
from gdstudio.core.optimizers import make_optimizer
from gdstudio.core.surfaces import Minimum, load_csv
from gdstudio.core.values import show
from gdstudio.resources import resource_path

__all__ = ["MLP", "Cancelled", "Dataset", "Directions", "GridSurface", "Training",
           "filter_normalize", "load_grid_surface", "load_h5_surface", "load_iris",
           "loss_plane", "pca_directions", "project_trajectory", "random_directions",
           "save_grid_surface", "train"]

Bounds = tuple[tuple[float, float], tuple[float, float]]
Progress = Callable[[float], object] | None
Cancel = Callable[[], bool] | None

MAX_H5_GRID = 401
"""Points per axis kept from an ``.h5`` surface file; larger grids are resampled."""
MAX_H5_VALUES = 100_000_000
"""Values in an ``.h5`` surface dataset that are scanned to resample it; more is refused."""
MAX_H5_COORDINATES = 1_000_000
"""Entries in an ``.h5`` coordinates dataset."""
H5_BLOCK_VALUES = 1 << 21
"""Values read at once while resampling a large ``.h5`` grid (16 MiB of float64)."""

CHUNK_ELEMENTS = 1 << 20
"""Hidden activations (points x rows x units) computed at once by :meth:`MLP.loss`."""


# ---------------------------------------------------------------------------------------
# data


@dataclass(frozen=True)
class Dataset:
    """Features ``X`` (m, d), integer class labels ``y`` (m,) in 0..classes-1."""

    X: np.ndarray
    y: np.ndarray
    name: str = ""
    feature_names: tuple[str, ...] = ()
    class_names: tuple[str, ...] = ()

    @property
    def classes(self) -> int:
        return len(self.class_names) if self.class_names else int(self.y.max()) + 1


IRIS_FEATURES = ("sepal_length", "sepal_width", "petal_length", "petal_width")
IRIS_CLASSES = ("setosa", "versicolor", "virginica")


def load_iris(standardize: bool = True) -> Dataset:
    """Fisher's Iris data (150 rows, 4 features, 3 classes) from ``resources/data``.

    With ``standardize`` each feature is shifted and scaled to mean 0 and standard
    deviation 1 (over all 150 rows), which makes plain gradient descent well behaved.
    """
    cols = load_csv(resource_path("data", "iris.csv"))
    X = np.stack([cols[c] for c in IRIS_FEATURES], axis=1)
    if standardize:
        X = (X - X.mean(axis=0)) / X.std(axis=0)
    y = cols["species"].astype(np.int64)
    return Dataset(X=X, y=y, name="iris", feature_names=IRIS_FEATURES,
                   class_names=IRIS_CLASSES)


# ---------------------------------------------------------------------------------------
# the network


@dataclass(frozen=True)
class MLP:
    """A fully connected network: ``sizes = (inputs, hidden..., classes)``.

    Hidden layers use ``activation`` ("tanh" or "relu"); the output is softmax and the loss
    the mean cross-entropy. ``loss`` evaluates many weight vectors at once.
    """

    sizes: tuple[int, ...] = (4, 16, 16, 3)
    activation: str = "tanh"

    def __post_init__(self):
        if len(self.sizes) < 2 or any(int(s) < 1 for s in self.sizes):
            raise ValueError(f"sizes must be at least (inputs, classes), got {self.sizes}")
        if self.activation not in ("tanh", "relu"):
            raise ValueError(f"activation must be 'tanh' or 'relu', not {self.activation!r}")

    @property
    def layers(self) -> list[tuple[slice, tuple[int, int], slice]]:
        """Per layer: the slice of its matrix in the flat vector, its shape, its bias."""
        out, k = [], 0
        for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:], strict=True):
            w = slice(k, k + n_out * n_in)
            k += n_out * n_in
            out.append((w, (n_out, n_in), slice(k, k + n_out)))
            k += n_out
        return out

    @property
    def n_params(self) -> int:
        return sum(o * i + o for i, o in zip(self.sizes[:-1], self.sizes[1:], strict=True))

    def is_bias(self) -> np.ndarray:
        """Boolean mask over the flat vector: True on biases."""
        mask = np.zeros(self.n_params, dtype=bool)
        for _, _, b in self.layers:
            mask[b] = True
        return mask

    def init(self, seed: int = 0) -> np.ndarray:
        """Random weights ``N(0, 1/fan_in)`` (``2/fan_in`` for relu), zero biases."""
        rng = np.random.default_rng(seed)
        theta = np.zeros(self.n_params)
        gain = 2.0 if self.activation == "relu" else 1.0
        for w, (n_out, n_in), _ in self.layers:
            theta[w] = rng.normal(0.0, math.sqrt(gain / n_in), n_out * n_in)
        return theta

    def _act(self, z):
        return np.tanh(z) if self.activation == "tanh" else np.maximum(z, 0.0)

    def _forward(self, theta: np.ndarray, X: np.ndarray) -> tuple[list, np.ndarray]:
        """``theta`` (K, P), ``X`` (m, d): activations per layer and logits (K, m, C)."""
        a = X[None]
        acts = [a]
        last = len(self.layers) - 1
        for li, (w, shape, b) in enumerate(self.layers):
            W = theta[:, w].reshape(-1, *shape)
            z = np.matmul(a, W.transpose(0, 2, 1)) + theta[:, None, b]
            if li == last:
                return acts, z
            a = self._act(z)
            acts.append(a)
        raise AssertionError("unreachable")

    @staticmethod
    def _xent(z: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Mean cross-entropy per weight vector and the softmax probabilities."""
        z = z - z.max(axis=-1, keepdims=True)
        e = np.exp(z)
        s = e.sum(axis=-1, keepdims=True)
        picked = np.take_along_axis(z, np.broadcast_to(y[None, :, None], (*z.shape[:2], 1)),
                                    axis=-1)[..., 0]
        return (np.log(s[..., 0]) - picked).mean(axis=-1), e / s

    def loss(self, theta, X: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Mean cross-entropy for ``theta`` (P,) -> scalar array, or (K, P) -> (K,)."""
        theta = np.asarray(theta, dtype=np.float64)
        flat = theta.reshape(-1, self.n_params)
        per = X.shape[0] * max(self.sizes[1:])
        k = max(1, CHUNK_ELEMENTS // per)
        out = np.empty(flat.shape[0])
        with np.errstate(all="ignore"):
            for i in range(0, flat.shape[0], k):
                _, z = self._forward(flat[i:i + k], X)
                out[i:i + k] = self._xent(z, y)[0]
        return out.reshape(theta.shape[:-1])

    def accuracy(self, theta, X: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Fraction of rows classified right, for ``theta`` (P,) or (K, P)."""
        theta = np.asarray(theta, dtype=np.float64)
        flat = theta.reshape(-1, self.n_params)
        _, z = self._forward(flat, X)
        return (z.argmax(axis=-1) == y[None]).mean(axis=-1).reshape(theta.shape[:-1])

    def loss_and_grad(self, theta, X: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
        """Mean cross-entropy over the rows of ``X`` and its gradient (backpropagation).

        Overflow is not warned about: a diverging training run shows as a non-finite loss.
        """
        theta = np.asarray(theta, dtype=np.float64).reshape(1, -1)
        m = X.shape[0]
        grad = np.empty(self.n_params)
        with np.errstate(all="ignore"):
            acts, z = self._forward(theta, X)
            loss, p = self._xent(z, y)
            dz = p[0].copy()
            dz[np.arange(m), y] -= 1.0
            dz /= m
            for li in range(len(self.layers) - 1, -1, -1):
                w, shape, b = self.layers[li]
                a = acts[li][0]
                grad[w] = (dz.T @ a).reshape(-1)
                grad[b] = dz.sum(axis=0)
                if li:
                    da = dz @ theta[0, w].reshape(shape)
                    dz = da * (1.0 - a * a) if self.activation == "tanh" else da * (a > 0)
        return float(loss[0]), grad


# ---------------------------------------------------------------------------------------
# training


@dataclass
class Training:
    """``theta`` the final weights (P,); ``trajectory`` (T, P) the weights at recorded steps
    (first row the initial weights, last row ``theta``); ``steps`` their step numbers;
    ``loss`` (T,) the full training loss there."""

    theta: np.ndarray
    trajectory: np.ndarray
    steps: np.ndarray
    loss: np.ndarray


def train(model: MLP, data: Dataset, optimizer: str = "adam", hp: dict | None = None,
          epochs: int = 200, batch_size: int | None = None, seed: int = 0,
          record_every: int = 1, theta0: np.ndarray | None = None) -> Training:
    """Train ``model`` on ``data`` with a core optimizer (``make_optimizer(optimizer, **hp)``,
    the flat weights as one ``(1, P)`` row).

    Full batch when ``batch_size`` is None (one step per epoch), else mini-batches of a
    fresh permutation each epoch (``seed``). Every ``record_every``-th step is recorded,
    and the last.
    """
    hp = {"lr": 0.01} if hp is None else dict(hp)
    opt = make_optimizer(optimizer, **hp)
    lr = float(opt.hp["lr"])
    theta = (model.init(seed) if theta0 is None else np.array(theta0, dtype=np.float64))
    w = theta.reshape(1, -1)
    state = opt.init(w)
    m = data.X.shape[0]
    b = m if batch_size is None else max(1, min(int(batch_size), m))
    rng = np.random.default_rng(seed)
    per_epoch = math.ceil(m / b)
    total = int(epochs) * per_epoch
    rows_rec, steps_rec = [w[0].copy()], [0]
    t = 0
    for _ in range(int(epochs)):
        order = np.arange(m) if b == m else rng.permutation(m)
        for k in range(per_epoch):
            rows = order[k * b:(k + 1) * b]
            _, g = model.loss_and_grad(w[0], data.X[rows], data.y[rows])
            w, state = opt.update(state, w, g.reshape(1, -1), lr)
            t += 1
            if t % record_every == 0 or t == total:
                rows_rec.append(w[0].copy())
                steps_rec.append(t)
    traj = np.array(rows_rec)
    return Training(theta=w[0].copy(), trajectory=traj, steps=np.array(steps_rec),
                    loss=model.loss(traj, data.X, data.y))


# ---------------------------------------------------------------------------------------
# directions


@dataclass(frozen=True)
class Directions:
    """Two directions in weight space; ``explained`` (PCA only): the fraction of the
    trajectory's variance along each."""

    d1: np.ndarray
    d2: np.ndarray
    explained: tuple[float, float] | None = None


def filter_normalize(model: MLP, direction: np.ndarray, theta: np.ndarray,
                     ignore_biases: bool = True) -> np.ndarray:
    """``direction`` rescaled per filter (per neuron: each row of each weight matrix) to the
    norm of the same row of ``theta``.

    Biases, as in the reference code's ``normalize_directions_for_weights``: zero with
    ``ignore_biases`` (its ``--xignore biasbn``), else a copy of the bias of ``theta``.
    """
    d = np.array(direction, dtype=np.float64)
    theta = np.asarray(theta, dtype=np.float64)
    for w, shape, b in model.layers:
        dw = d[w].reshape(shape)
        tw = theta[w].reshape(shape)
        scale = np.linalg.norm(tw, axis=1) / (np.linalg.norm(dw, axis=1) + 1e-10)
        d[w] = (dw * scale[:, None]).reshape(-1)
        d[b] = 0.0 if ignore_biases else theta[b]
    return d


def random_directions(model: MLP, theta: np.ndarray, seed: int = 0,
                      ignore_biases: bool = True) -> Directions:
    """Two Gaussian directions (``numpy.random.default_rng(seed)``), filter-normalised."""
    rng = np.random.default_rng(seed)
    d1 = filter_normalize(model, rng.standard_normal(model.n_params), theta, ignore_biases)
    d2 = filter_normalize(model, rng.standard_normal(model.n_params), theta, ignore_biases)
    return Directions(d1, d2)


def pca_directions(trajectory: np.ndarray, center: np.ndarray,
                   centered: bool = False) -> Directions:
    """The top two principal directions (unit vectors) of ``trajectory - center``.

    By default the differences are not mean-centred: the plane then passes through
    ``center`` (the final weights) and is the one that fits the trajectory best among such
    planes. ``centered=True`` subtracts their mean first, as the reference code's
    ``sklearn.decomposition.PCA`` does. ``explained`` is each direction's share of the
    total squared deviation. The sign of each direction makes the start's coordinate
    negative (the trajectory runs from negative towards 0).
    """
    M = np.asarray(trajectory, dtype=np.float64) - np.asarray(center, dtype=np.float64)
    if M.ndim != 2 or M.shape[0] < 2:
        raise ValueError("the trajectory needs at least two recorded weight vectors")
    if centered:
        M = M - M.mean(axis=0)
    _, s, vt = np.linalg.svd(M, full_matrices=False)
    total = float((s * s).sum())
    d = vt[:2].copy()
    if d.shape[0] < 2:
        raise ValueError("the trajectory spans fewer than two directions")
    start = np.asarray(trajectory[0]) - center
    for k in range(2):
        if d[k] @ start > 0:
            d[k] = -d[k]
    share = s[:2] ** 2 / total if total > 0 else np.zeros(2)
    explained = (float(share[0]), float(share[1]))
    return Directions(d[0], d[1], explained)


def project_trajectory(trajectory: np.ndarray, center: np.ndarray, d1: np.ndarray,
                       d2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Plane coordinates of each weight vector (least squares onto ``[d1, d2]``).

    Returns ``coords`` (T, 2) = (alpha, beta) and ``residual`` (T,): the distance from the
    plane relative to the distance from ``center`` (0 for a point on the plane).
    """
    D = np.stack([d1, d2], axis=1)
    M = (np.asarray(trajectory, dtype=np.float64) - center).T
    coords, *_ = np.linalg.lstsq(D, M, rcond=None)
    off = np.linalg.norm(M - D @ coords, axis=0)
    dist = np.linalg.norm(M, axis=0)
    residual = np.where(dist > 0, off / np.where(dist > 0, dist, 1.0), 0.0)
    return coords.T, residual


def loss_plane(model: MLP, data: Dataset, center: np.ndarray, d1: np.ndarray,
               d2: np.ndarray, span=1.0, n: int = 51, progress: Progress = None,
               cancel: Cancel = None, chunk: int = 256) -> GridSurface:
    """``L(center + alpha * d1 + beta * d2)`` on an ``n`` x ``n`` grid, as a GridSurface.

    ``span`` is a float (alpha and beta in [-span, span]) or ``((a0, a1), (b0, b1))``.
    ``Z[i, j]`` is at ``(alphas[i], betas[j])``. The grid points are evaluated ``chunk`` at
    a time, each chunk one batched forward pass; ``progress(fraction)`` follows each chunk
    and ``cancel()`` returning True raises :class:`Cancelled`.
    """
    if isinstance(span, int | float):
        (a0, a1), (b0, b1) = (-span, span), (-span, span)
    else:
        (a0, a1), (b0, b1) = span
    n = int(n)
    if n < 2:
        raise ValueError("a loss plane needs n >= 2 points per axis")
    alphas, betas = np.linspace(a0, a1, n), np.linspace(b0, b1, n)
    A, B = np.meshgrid(alphas, betas, indexing="ij")
    a, b = A.reshape(-1), B.reshape(-1)
    Z = np.empty(a.size)
    center, d1, d2 = (np.asarray(v, dtype=np.float64) for v in (center, d1, d2))
    for i in range(0, a.size, chunk):
        thetas = center + a[i:i + chunk, None] * d1 + b[i:i + chunk, None] * d2
        Z[i:i + chunk] = model.loss(thetas, data.X, data.y)
        done = min(i + chunk, a.size)
        if progress is not None:
            progress(done / a.size)
        if cancel is not None and done < a.size and cancel():
            raise Cancelled(f"stopped after {done} of {a.size} grid points")
    arch = "-".join(map(str, model.sizes))
    where = data.name or "data"
    return GridSurface(alphas, betas, Z.reshape(n, n), name="loss plane",
                       params=("alpha", "beta"),
                       expr=Msg("L(w* + alpha*d1 + beta*d2): mean cross-entropy of an MLP "
                                "{arch} ({activation}) on {data} ({rows} rows)", arch=arch,
                                activation=model.activation, data=where, rows=len(data.y)),
                       description=Msg("The loss of a small neural network on a plane through "
                                       "its trained weights w* (Li et al. 2018)."))


# ---------------------------------------------------------------------------------------
# a surface through grid values

_HERMITE = np.array([[1.0, 0.0, 0.0, 0.0],
                     [0.0, 0.0, 1.0, 0.0],
                     [-3.0, 3.0, -2.0, -1.0],
                     [2.0, -2.0, 1.0, 1.0]])


def _spline_slopes(x: np.ndarray, f: np.ndarray) -> np.ndarray:
    """Slopes at the nodes of the natural cubic spline through ``f`` (n, k) along axis 0.

    The system is tridiagonal and strictly diagonally dominant, so it is solved by the
    Thomas algorithm without pivoting: one sweep each way along the n nodes, each step
    vectorised over the k columns (a dense solve costs O(n^3), a second at n = 401)."""
    n = len(x)
    h = np.diff(x)
    delta = np.diff(f, axis=0) / h[:, None]
    lower, diag, upper = np.zeros(n), np.empty(n), np.zeros(n)
    r = np.empty_like(f)
    diag[0], upper[0], r[0] = 2.0, 1.0, 3.0 * delta[0]
    lower[-1], diag[-1], r[-1] = 1.0, 2.0, 3.0 * delta[-1]
    i = np.arange(1, n - 1)
    lower[i] = h[i]
    diag[i] = 2.0 * (h[i - 1] + h[i])
    upper[i] = h[i - 1]
    r[1:-1] = 3.0 * (h[i, None] * delta[:-1] + h[i - 1, None] * delta[1:])
    c = np.empty(n)
    c[0] = upper[0] / diag[0]
    r[0] /= diag[0]
    for k in range(1, n):
        m = diag[k] - lower[k] * c[k - 1]
        c[k] = upper[k] / m
        r[k] = (r[k] - lower[k] * r[k - 1]) / m
    for k in range(n - 2, -1, -1):
        r[k] -= c[k] * r[k + 1]
    return r


def _axis_basis(grid: np.ndarray, v: np.ndarray):
    """Cell index, widths and the power bases (value, d/dt, d2/dt2) of ``v`` along one axis,
    continued linearly beyond the first and last node."""
    n = len(grid)
    i = np.clip(np.searchsorted(grid, v, side="right") - 1, 0, n - 2)
    h = grid[i + 1] - grid[i]
    t = (v - grid[i]) / h
    one, zero = np.ones_like(t), np.zeros_like(t)
    P = np.stack([one, t, t * t, t * t * t], axis=-1)
    D = np.stack([zero, one, 2 * t, 3 * t * t], axis=-1)
    DD = np.stack([zero, zero, 2 * one, 6 * t], axis=-1)
    lo, hi = t < 0, t > 1
    if lo.any():
        P[lo] = np.stack([one[lo], t[lo], zero[lo], zero[lo]], axis=-1)
        D[lo] = [0.0, 1.0, 0.0, 0.0]
        DD[lo] = 0.0
    if hi.any():
        s = t[hi] - 1
        P[hi] = np.stack([one[hi], 1 + s, 1 + 2 * s, 1 + 3 * s], axis=-1)
        D[hi] = [0.0, 1.0, 2.0, 3.0]
        DD[hi] = 0.0
    return i, h, P, D, DD


class GridSurface:
    """A smooth surface through values ``Z[i, j]`` at ``(xs[i], ys[j])`` (indexing="ij").

    The interpolant is the tensor-product natural cubic spline (C2, exact at the nodes),
    so ``grad`` and ``hessian`` are its exact derivatives. Outside the grid it continues
    linearly along each axis that is out of range (the natural spline's second derivative
    is zero at the edges, so the continuation stays C2): the slope at the edge goes on, so
    an optimizer can walk off the grid but sees no invented hills or valleys there.

    It has the interface of :class:`gdstudio.core.surfaces.Surface` that the runner, the
    analysis functions and the views use (``formula`` and ``data`` are None). ``minima``
    holds the lowest grid value, refined by Newton's method on the spline when that stays
    in its grid cell's neighbourhood.
    """

    def __init__(self, xs, ys, Z, *, name: str | None = None, expr: str = "",
                 params: tuple[str, str] = ("x", "y"), description: str = "",
                 bounds: Bounds | None = None, minima: tuple[Minimum, ...] | None = None,
                 default_start: tuple[float, float] | None = None):
        xs = np.array(xs, dtype=np.float64).reshape(-1)
        ys = np.array(ys, dtype=np.float64).reshape(-1)
        Z = np.array(Z, dtype=np.float64)
        for axis, g in (("x", xs), ("y", ys)):
            if g.size < 2 or not np.isfinite(g).all() or not (np.diff(g) > 0).all():
                raise GdError(Msg("grid {axis} coordinates must be at least 2 finite, "
                                  "strictly increasing numbers", axis=axis))
        if Z.shape != (xs.size, ys.size):
            raise GdError(Msg("grid values have shape {shape}, expected ({nx}, {ny}) for {nx} x "
                              "and {ny} y values", shape=Z.shape, nx=xs.size, ny=ys.size))
        if not np.isfinite(Z).all():
            raise GdError(Msg("grid values must be finite ({n} are not)",
                              n=int((~np.isfinite(Z)).sum())))
        self.xs, self.ys, self.values = xs, ys, Z
        for a in (xs, ys, Z):
            a.setflags(write=False)
        self.name = name
        self.expr = expr or Msg("values on a {nx} x {ny} grid", nx=xs.size, ny=ys.size)
        self.params = tuple(params)
        self.description = description
        self.bounds: Bounds = (bounds if bounds is not None else
                               ((float(xs[0]), float(xs[-1])), (float(ys[0]), float(ys[-1]))))
        self.formula = None
        self.data = None
        self.data_name = None
        self.n_samples = None
        self.default_start = default_start
        fx = _spline_slopes(xs, Z)
        fy = _spline_slopes(ys, Z.T).T
        fxy = _spline_slopes(ys, fx.T).T
        hx, hy = np.diff(xs), np.diff(ys)
        F = np.empty((xs.size - 1, ys.size - 1, 4, 4))
        F[:, :, 0, 0], F[:, :, 0, 1] = Z[:-1, :-1], Z[:-1, 1:]
        F[:, :, 1, 0], F[:, :, 1, 1] = Z[1:, :-1], Z[1:, 1:]
        hy_ = hy[None, :]
        hx_ = hx[:, None]
        F[:, :, 0, 2], F[:, :, 0, 3] = fy[:-1, :-1] * hy_, fy[:-1, 1:] * hy_
        F[:, :, 1, 2], F[:, :, 1, 3] = fy[1:, :-1] * hy_, fy[1:, 1:] * hy_
        F[:, :, 2, 0], F[:, :, 2, 1] = fx[:-1, :-1] * hx_, fx[:-1, 1:] * hx_
        F[:, :, 3, 0], F[:, :, 3, 1] = fx[1:, :-1] * hx_, fx[1:, 1:] * hx_
        hxy = hx_ * hy_
        F[:, :, 2, 2], F[:, :, 2, 3] = fxy[:-1, :-1] * hxy, fxy[:-1, 1:] * hxy
        F[:, :, 3, 2], F[:, :, 3, 3] = fxy[1:, :-1] * hxy, fxy[1:, 1:] * hxy
        self._coef = _HERMITE @ F @ _HERMITE.T
        self.minima = tuple(minima) if minima is not None else (self._lowest(),)

    def __repr__(self) -> str:
        label = self.name if self.name is not None else "grid"
        return (f"<GridSurface {label} in ({', '.join(self.params)}), "
                f"{self.xs.size} x {self.ys.size}>")

    def with_bounds(self, bounds: Bounds) -> GridSurface:
        """The same surface plotted over another window."""
        other = copy.copy(self)
        (x0, x1), (y0, y1) = bounds
        if not (x0 < x1 and y0 < y1):
            raise GdError(Msg("bounds need min < max, got {value}", value=show(bounds)))
        other.bounds = ((float(x0), float(x1)), (float(y0), float(y1)))
        return other

    def _eval(self, x, y, order: int) -> tuple[np.ndarray, ...]:
        x, y = np.broadcast_arrays(np.asarray(x, dtype=np.float64),
                                   np.asarray(y, dtype=np.float64))
        shape = x.shape
        xf, yf = x.reshape(-1), y.reshape(-1)
        with np.errstate(all="ignore"):
            i, hx, Px, Dx, DDx = _axis_basis(self.xs, xf)
            j, hy, Py, Dy, DDy = _axis_basis(self.ys, yf)
            C = self._coef[i, j]
            CPy = np.einsum("kab,kb->ka", C, Py)
            out = [np.einsum("ka,ka->k", Px, CPy)]
            if order >= 1:
                CDy = np.einsum("kab,kb->ka", C, Dy)
                out.append(np.einsum("ka,ka->k", Dx, CPy) / hx)
                out.append(np.einsum("ka,ka->k", Px, CDy) / hy)
            if order >= 2:
                CDDy = np.einsum("kab,kb->ka", C, DDy)
                out = [np.einsum("ka,ka->k", DDx, CPy) / (hx * hx),
                       np.einsum("ka,ka->k", Dx, CDy) / (hx * hy),
                       np.einsum("ka,ka->k", Px, CDDy) / (hy * hy)]
            bad = ~(np.isfinite(xf) & np.isfinite(yf))
            if bad.any():
                for o in out:
                    o[bad] = np.nan
        return tuple(o.reshape(shape) for o in out)

    def loss(self, x, y) -> np.ndarray:
        return self._eval(x, y, 0)[0]

    def grad(self, x, y) -> tuple[np.ndarray, np.ndarray]:
        _, gx, gy = self._eval(x, y, 1)
        return gx, gy

    def loss_and_grad(self, x, y) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        v, gx, gy = self._eval(x, y, 1)
        return v, gx, gy

    def batch_grad(self, x, y, rows=None) -> tuple[np.ndarray, np.ndarray]:
        """The full gradient: a grid surface has no data rows."""
        return self.grad(x, y)

    def hessian(self, x, y) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Second derivatives ``(hxx, hxy, hyy)`` of the spline."""
        hxx, hxy, hyy = self._eval(x, y, 2)
        return hxx, hxy, hyy

    def grid(self, n: int = 200, bounds: Bounds | None = None,
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """As ``Surface.grid``: ``Z[i, j]`` at ``(xs[i], ys[j])`` over the window."""
        n = int(n)
        if n < 2:
            raise ValueError("a grid needs n >= 2 points per axis")
        (x0, x1), (y0, y1) = bounds if bounds is not None else self.bounds
        xs, ys = np.linspace(x0, x1, n), np.linspace(y0, y1, n)
        gx, gy = np.meshgrid(xs, ys, indexing="ij")
        return xs, ys, self.loss(gx, gy)

    def _lowest(self) -> Minimum:
        i, j = np.unravel_index(int(np.argmin(self.values)), self.values.shape)
        node = np.array([self.xs[i], self.ys[j]])
        best = Minimum((float(node[0]), float(node[1])), float(self.values[i, j]))
        # a cell-sized neighbourhood of the node
        lo = np.array([self.xs[max(i - 1, 0)], self.ys[max(j - 1, 0)]])
        hi = np.array([self.xs[min(i + 1, self.xs.size - 1)],
                       self.ys[min(j + 1, self.ys.size - 1)]])
        p = node.copy()
        for _ in range(30):
            gx, gy = (float(v) for v in self.grad(p[0], p[1]))
            hxx, hxy, hyy = (float(v) for v in self.hessian(p[0], p[1]))
            det = hxx * hyy - hxy * hxy
            if not (hxx > 0 and det > 0):
                return best
            step = np.array([hyy * gx - hxy * gy, hxx * gy - hxy * gx]) / det
            p = np.clip(p - step, lo, hi)
            if np.hypot(*step) <= 1e-14 * (1 + np.hypot(*p)):
                break
        value = float(self.loss(p[0], p[1]))
        if value <= best.value and np.hypot(*self.grad(p[0], p[1])) < 1e-8 * (1 + abs(value)):
            return Minimum((float(p[0]), float(p[1])), value)
        return best


# ---------------------------------------------------------------------------------------
# the reference implementation's surface files


def load_h5_surface(path: str | Path, key: str = "train_loss") -> GridSurface:
    """A :class:`GridSurface` from an ``.h5`` surface file of tomgoldstein/loss-landscape.

    Those files hold ``xcoordinates`` (nx,), ``ycoordinates`` (ny,) and one dataset per
    quantity (``train_loss``, ``train_acc``, ``test_loss``, ``test_acc``) of shape
    (nx, ny). Their values are filled in the order of ``numpy.meshgrid(x, y)`` (indexing
    "xy") flattened, so the flat value ``k`` belongs to ``(x[k % nx], y[k // nx])``:
    read as (ny, nx) and transposed to this package's ``Z[i, j]`` at ``(x[i], y[j])``
    (for a square grid: the transpose of the dataset). ``train_err``/``test_err`` give
    ``100 - accuracy``, as the reference's plot_2D does. Entries the reference has not
    computed yet are -1 in ``*_loss`` datasets: such a file is refused.

    Needs h5py (``pip install gdstudio[landscape]``); a missing or malformed dataset
    raises :class:`DataError` naming the file and the dataset.
    """
    try:
        import h5py
    except ImportError:
        raise GdError(Msg("reading .h5 loss surfaces needs h5py: pip install "
                          "gdstudio[landscape]")) from None
    name = str(path)
    try:
        fileio.require_regular(path)
        fh = h5py.File(path, "r")
    except FileNotFoundError:
        raise DataError(Msg("{file}: no such file", file=name)) from None
    except IsADirectoryError:
        raise DataError(Msg("{file}: is a folder, expected an .h5 file", file=name)) from None
    except fileio.FileKindError as e:
        raise DataError(e.args[0]) from None
    except OSError as e:
        raise DataError(Msg("{file}: not an HDF5 file ({error})", file=name,
                            error=str(e))) from None
    with fh:
        x = _h5_vector(h5py, fh, name, "xcoordinates")
        if fh.get("ycoordinates", getlink=True) is None:
            raise DataError(Msg("{file}: no dataset 'ycoordinates': a 1-D surface file, "
                                "expected a 2-D one", file=name))
        y = _h5_vector(h5py, fh, name, "ycoordinates")
        err = key in ("train_err", "test_err") and fh.get(key, getlink=True) is None
        src = key.replace("_err", "_acc") if err else key
        for axis, g in (("xcoordinates", x), ("ycoordinates", y)):
            if g.size < 2 or not np.isfinite(g).all() or not (np.diff(g) > 0).all():
                raise DataError(Msg("{file}: dataset {ds} must hold at least 2 finite, "
                                    "strictly increasing coordinates", file=name, ds=show(axis)))
        obj = _h5_dataset(h5py, fh, name, src, 2)
        if obj.size != x.size * y.size:
            raise DataError(Msg("{file}: dataset {ds} has shape {shape}, expected ({nx}, "
                                "{ny}) for {nx} x and {ny} y coordinates", file=name, ds=show(src),
                                shape=obj.shape, nx=x.size, ny=y.size))
        if obj.size > MAX_H5_VALUES:
            raise DataError(Msg("{file}: dataset {ds} holds {nx:,} x {ny:,} values, more "
                                "than the {most:,} a landscape is read from", file=name,
                                ds=show(src), nx=x.size, ny=y.size, most=MAX_H5_VALUES))
        ix, iy = _resample(x.size), _resample(y.size)
        Z = _h5_grid(obj, name, src, ix, iy, x.size)
    resampled = (ix.size, iy.size) != (x.size, y.size)
    full = (x.size, y.size)
    x, y = x[ix], y[iy]
    if not np.isfinite(Z).all():
        raise DataError(Msg("{file}: dataset {ds} has {n} values that are not finite",
                            file=name, ds=show(src), n=int((~np.isfinite(Z)).sum())))
    if src.endswith("_loss") and (Z < 0).any():
        raise DataError(Msg("{file}: dataset {ds} has {n} negative values (-1 marks points "
                            "the reference code has not computed yet)", file=name, ds=show(src),
                            n=int((Z < 0).sum())))
    if err:
        Z = 100.0 - Z
    if resampled:
        description = Msg("{key} on the plane of a loss-landscape surface file ({nx} x {ny} "
                          "points, resampled to {mx} x {my}).", key=key, nx=full[0],
                          ny=full[1], mx=x.size, my=y.size)
    else:
        description = Msg("{key} on the plane of a loss-landscape surface file ({nx} x {ny} "
                          "points).", key=key, nx=x.size, ny=y.size)
    return GridSurface(x, y, Z, name=Path(name).stem, params=("alpha", "beta"),
                       expr=Msg("{key} of {file}", key=key, file=Path(name).name),
                       description=description)


def _h5_dataset(h5py, fh, name: str, ds: str, ndim: int):
    """The dataset ``ds`` of an open file, checked before anything is read: stored in this
    file (not an external link, a virtual dataset or external raw storage), numeric, with
    ``ndim`` dimensions."""
    link = fh.get(ds, getlink=True)
    if link is None:
        have = ", ".join(sorted(k for k in fh.keys()))
        if not have:
            raise DataError(Msg("{file}: no dataset {ds} (the file has nothing)",
                                file=name, ds=show(ds)))
        raise DataError(Msg("{file}: no dataset {ds} (the file has {have})",
                            file=name, ds=show(ds), have=have))
    if isinstance(link, h5py.ExternalLink):
        raise DataError(Msg("{file}: {ds} is a link to {target} in another file; only "
                            "datasets stored in the file itself are read", file=name, ds=show(ds),
                            target=f"{link.filename}:{link.path}"))
    try:
        obj = fh[ds]
    except (KeyError, OSError):
        raise DataError(Msg("{file}: {ds} is a link to nothing", file=name,
                            ds=show(ds))) from None
    if not isinstance(obj, h5py.Dataset):
        raise DataError(Msg("{file}: {ds} is a group, expected a dataset", file=name, ds=show(ds)))
    if obj.is_virtual or obj.external:
        raise DataError(Msg("{file}: dataset {ds} keeps its values in other files (a "
                            "virtual or external dataset); only datasets stored in the file "
                            "itself are read", file=name, ds=show(ds)))
    if obj.dtype.kind not in "biuf":
        raise DataError(Msg("{file}: dataset {ds} does not hold numbers", file=name, ds=show(ds)))
    if obj.ndim != ndim:
        raise DataError(Msg("{file}: dataset {ds} has {n} dimension(s), expected {ndim}",
                            file=name, ds=show(ds), n=obj.ndim, ndim=ndim))
    return obj


def _h5_vector(h5py, fh, name: str, ds: str) -> np.ndarray:
    obj = _h5_dataset(h5py, fh, name, ds, 1)
    if obj.size > MAX_H5_COORDINATES:
        raise DataError(Msg("{file}: dataset {ds} holds {n:,} coordinates, more than "
                            "{most:,}", file=name, ds=show(ds), n=obj.size,
                            most=MAX_H5_COORDINATES))
    return _h5_read(obj, name, ds, ())


def _h5_read(obj, name: str, ds: str, where) -> np.ndarray:
    try:
        return np.asarray(obj[where], dtype=np.float64)
    except (OSError, TypeError, ValueError) as e:
        raise DataError(Msg("{file}: dataset {ds} cannot be read ({error})", file=name,
                            ds=show(ds), error=str(e))) from None


def _resample(n: int) -> np.ndarray:
    """Indices of at most :data:`MAX_H5_GRID` evenly spread points of ``n``, first and last
    included."""
    if n <= MAX_H5_GRID:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, MAX_H5_GRID).round().astype(np.int64))


def _h5_grid(obj, name: str, ds: str, ix: np.ndarray, iy: np.ndarray,
             nx: int) -> np.ndarray:
    """``Z[i, j]`` at the coordinates ``x[ix[i]]``, ``y[iy[j]]`` of a file whose values are
    in meshgrid order (flat value ``k`` at ``(x[k % nx], y[k // nx])``), whatever the
    dataset's 2-D shape. A grid of at most :data:`MAX_H5_GRID` points per axis is read
    whole; a larger one block by block (:data:`H5_BLOCK_VALUES` values at a time), keeping
    only the resampled points, so memory stays bounded."""
    rows, cols = obj.shape
    if ix.size * iy.size == obj.size:
        return _h5_read(obj, name, ds, ()).reshape(-1, nx).T
    flat = iy[None, :] * nx + ix[:, None]
    at_row, at_col = np.divmod(flat, cols)
    Z = np.empty(flat.shape)
    step_cols = min(cols, H5_BLOCK_VALUES)
    step_rows = max(1, H5_BLOCK_VALUES // step_cols)
    for r0 in range(0, rows, step_rows):
        r1 = min(r0 + step_rows, rows)
        in_rows = (at_row >= r0) & (at_row < r1)
        if not in_rows.any():
            continue
        for c0 in range(0, cols, step_cols):
            c1 = min(c0 + step_cols, cols)
            pick = in_rows & (at_col >= c0) & (at_col < c1)
            if pick.any():
                block = _h5_read(obj, name, ds, np.s_[r0:r1, c0:c1])
                Z[pick] = block[at_row[pick] - r0, at_col[pick] - c0]
    return Z


# ---------------------------------------------------------------------------------------
# grid files of a scene: [surface] grid = "file.h5"

GRID_SUFFIXES = (".h5", ".hdf5", ".npz")
"""What ``[surface] grid`` reads: the reference code's HDF5 surface files, or the same
datasets in a numpy ``.npz`` archive (no h5py needed)."""


def load_grid_surface(path: str | Path, dataset: str = "train_loss") -> GridSurface:
    """The :class:`GridSurface` stored in ``path``: an ``.npz`` archive is read by numpy,
    anything else as an ``.h5`` surface file (:func:`load_h5_surface`). Both hold
    ``xcoordinates``, ``ycoordinates`` and ``dataset`` in the reference code's layout."""
    if Path(path).suffix.lower() == ".npz":
        return _load_npz_surface(path, dataset)
    return load_h5_surface(path, dataset)


def save_grid_surface(grid: GridSurface, path: str | Path) -> None:
    """Write ``grid``'s values as the reference code does (``xcoordinates``,
    ``ycoordinates``, ``train_loss`` filled in ``numpy.meshgrid`` order), so that
    :func:`load_grid_surface` and the reference's own plotting scripts read it back. An
    ``.npz`` suffix writes a numpy archive, any other an HDF5 file (needs h5py). Written
    to a temporary file first: a failed write leaves no half-written file."""
    path = Path(path)
    nx, ny = grid.values.shape
    data = {"xcoordinates": np.asarray(grid.xs), "ycoordinates": np.asarray(grid.ys),
            "train_loss": np.asarray(grid.values).T.reshape(nx, ny)}
    tmp = path.with_name(path.name + ".tmp")
    if path.suffix.lower() == ".npz":
        with open(tmp, "wb") as fh:
            np.savez(fh, allow_pickle=False, **data)
    else:
        try:
            import h5py
        except ImportError:
            raise GdError(Msg("writing .h5 loss surfaces needs h5py: pip install "
                              "gdstudio[landscape]")) from None
        with h5py.File(tmp, "w") as fh:
            for key, value in data.items():
                fh[key] = value
    tmp.replace(path)


def _load_npz_surface(path: str | Path, key: str) -> GridSurface:
    name = str(path)
    try:
        archive = np.load(path, allow_pickle=False)
    except FileNotFoundError:
        raise DataError(Msg("{file}: no such file", file=name)) from None
    except (OSError, ValueError) as e:
        raise DataError(Msg("{file}: not a numpy .npz archive ({error})", file=name,
                            error=str(e))) from None
    if not hasattr(archive, "files"):
        raise DataError(Msg("{file}: not a numpy .npz archive (a single array)", file=name))
    with archive:
        values = {}
        for ds, ndim in (("xcoordinates", 1), ("ycoordinates", 1), (key, 2)):
            if ds not in archive.files:
                raise DataError(Msg("{file}: no dataset {ds} (the file has {have})",
                                    file=name, ds=show(ds), have=", ".join(sorted(archive.files))))
            try:
                a = archive[ds]
            except (OSError, ValueError) as e:
                raise DataError(Msg("{file}: dataset {ds} cannot be read ({error})",
                                    file=name, ds=show(ds), error=str(e))) from None
            if a.dtype.kind not in "biuf":
                raise DataError(Msg("{file}: dataset {ds} does not hold numbers", file=name,
                                    ds=show(ds)))
            if a.ndim != ndim:
                raise DataError(Msg("{file}: dataset {ds} has {n} dimension(s), expected "
                                    "{ndim}", file=name, ds=show(ds), n=a.ndim, ndim=ndim))
            values[ds] = np.asarray(a, dtype=np.float64)
    x, y, Z = values["xcoordinates"], values["ycoordinates"], values[key]
    if max(x.size, y.size) > MAX_H5_GRID:
        raise DataError(Msg("{file}: at most {most} coordinates per axis, got {nx} x {ny}",
                            file=name, most=MAX_H5_GRID, nx=x.size, ny=y.size))
    if Z.size != x.size * y.size:
        raise DataError(Msg("{file}: dataset {ds} has shape {shape}, expected ({nx}, "
                            "{ny}) for {nx} x and {ny} y coordinates", file=name, ds=show(key),
                            shape=Z.shape, nx=x.size, ny=y.size))
    try:
        return GridSurface(x, y, Z.reshape(-1, x.size).T, name=Path(name).stem,
                           params=("alpha", "beta"),
                           expr=Msg("{key} of {file}", key=key, file=Path(name).name),
                           description=Msg("{key} on the plane of a loss-landscape surface "
                                           "file ({nx} x {ny} points).", key=key, nx=x.size,
                                           ny=y.size))
    except GdError as e:
        raise DataError(Msg("{file}: {problem}", file=name, problem=e.args[0])) from None
