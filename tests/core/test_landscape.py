"""The loss landscape of a small network (Li et al. 2018) and grid surfaces."""

import sys

import numpy as np
import pytest

from gdstudio.core.analysis import Cancelled, critical_points
from gdstudio.core.errors import DataError, GdError
from gdstudio.core.landscape import (
    MLP,
    GridSurface,
    filter_normalize,
    load_h5_surface,
    load_iris,
    loss_plane,
    pca_directions,
    project_trajectory,
    random_directions,
    train,
)
from gdstudio.core.optimizers import make_optimizer


@pytest.fixture(scope="module")
def iris():
    return load_iris()


@pytest.fixture(scope="module")
def trained(iris):
    model = MLP((4, 16, 16, 3), "tanh")
    return model, train(model, iris, "adam", {"lr": 0.01}, epochs=200, seed=0)


def test_iris_is_fishers_table(iris):
    assert iris.X.shape == (150, 4)
    assert np.bincount(iris.y).tolist() == [50, 50, 50]
    assert np.allclose(iris.X.mean(axis=0), 0, atol=1e-12)
    assert np.allclose(iris.X.std(axis=0), 1)
    raw = load_iris(standardize=False)
    assert raw.X[0].tolist() == [5.1, 3.5, 1.4, 0.2]
    # the two rows where the UCI copy differs from Fisher's paper
    assert raw.X[34].tolist() == [4.9, 3.1, 1.5, 0.2]
    assert raw.X[37].tolist() == [4.9, 3.6, 1.4, 0.1]
    assert raw.X[:, 0].mean() == pytest.approx(5.843333, abs=1e-6)


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_backprop_matches_finite_differences(iris, activation):
    model = MLP((4, 8, 6, 3), activation)
    theta = model.init(3) + 0.1 * np.random.default_rng(1).standard_normal(model.n_params)
    loss, grad = model.loss_and_grad(theta, iris.X, iris.y)
    assert loss == pytest.approx(float(model.loss(theta, iris.X, iris.y)), rel=1e-14)
    h = 1e-6
    eye = np.eye(model.n_params)
    fd = (model.loss(theta + h * eye, iris.X, iris.y)
          - model.loss(theta - h * eye, iris.X, iris.y)) / (2 * h)
    assert np.allclose(grad, fd, atol=1e-8)


def test_batched_loss_equals_one_at_a_time(iris):
    model = MLP((4, 16, 3), "relu")
    thetas = np.stack([model.init(s) for s in range(5)])
    many = model.loss(thetas, iris.X, iris.y)
    assert many.shape == (5,)
    for k in range(5):
        assert many[k] == pytest.approx(float(model.loss(thetas[k], iris.X, iris.y)), rel=1e-14)


def test_training_loss_falls(iris, trained):
    model, tr = trained
    assert model.n_params == 4 * 16 + 16 + 16 * 16 + 16 + 16 * 3 + 3 == 403
    assert tr.trajectory.shape == (201, 403)
    assert tr.loss[0] > 0.5 and tr.loss[-1] < 0.05
    assert tr.loss[-1] < tr.loss[len(tr.loss) // 2] < tr.loss[0]
    assert model.accuracy(tr.theta, iris.X, iris.y) > 0.97
    sgd = train(model, iris, "sgd", {"lr": 0.1, "momentum": 0.9}, epochs=30, batch_size=15,
                seed=2, record_every=5)
    assert sgd.steps[-1] == 30 * 10 and list(sgd.steps[:3]) == [0, 5, 10]
    assert sgd.loss[-1] < 0.25 * sgd.loss[0]


def test_filter_normalised_directions_have_the_filter_norms_of_the_weights(trained):
    model, tr = trained
    dirs = random_directions(model, tr.theta, seed=7)
    for d in (dirs.d1, dirs.d2):
        for w, shape, b in model.layers:
            rows_d = np.linalg.norm(d[w].reshape(shape), axis=1)
            rows_w = np.linalg.norm(tr.theta[w].reshape(shape), axis=1)
            assert np.allclose(rows_d, rows_w, rtol=1e-9)
            assert np.all(d[b] == 0)
    again = random_directions(model, tr.theta, seed=7)
    assert np.array_equal(again.d1, dirs.d1) and np.array_equal(again.d2, dirs.d2)
    assert not np.allclose(random_directions(model, tr.theta, seed=8).d1, dirs.d1)
    keep = filter_normalize(model, np.ones(model.n_params), tr.theta, ignore_biases=False)
    mask = model.is_bias()
    assert np.array_equal(keep[mask], tr.theta[mask])


def test_pca_plane_contains_a_planar_trajectory_and_its_endpoints(trained):
    model, tr = trained
    rng = np.random.default_rng(0)
    u, v = rng.standard_normal((2, model.n_params))
    t = np.linspace(0, 1, 50)[:, None]
    final = tr.theta
    traj = final + (1 - t) ** 2 * 3 * u + np.sin(3 * t) * (1 - t) * v
    dirs = pca_directions(traj, final)
    assert dirs.d1 @ dirs.d2 == pytest.approx(0, abs=1e-12)
    assert np.linalg.norm([dirs.d1, dirs.d2], axis=1) == pytest.approx([1, 1])
    assert sum(dirs.explained) == pytest.approx(1, abs=1e-12)
    coords, residual = project_trajectory(traj, final, dirs.d1, dirs.d2)
    assert residual.max() < 1e-12
    assert coords[-1] == pytest.approx((0, 0), abs=1e-12)
    assert coords[0, 0] < 0                                 # the path runs towards 0
    back = final + coords[:, :1] * dirs.d1 + coords[:, 1:] * dirs.d2
    assert np.allclose(back, traj, atol=1e-10)


def test_pca_of_real_training_explains_most_of_the_path(trained):
    model, tr = trained
    dirs = pca_directions(tr.trajectory, tr.theta)
    assert sum(dirs.explained) > 0.9
    coords, residual = project_trajectory(tr.trajectory, tr.theta, dirs.d1, dirs.d2)
    assert residual[-1] == 0 and coords[-1] == pytest.approx((0, 0), abs=1e-12)
    assert residual[0] < 0.5
    centred = pca_directions(tr.trajectory, tr.theta, centered=True)
    assert sum(centred.explained) > 0.9


def test_loss_plane_is_the_loss_through_the_trained_weights(iris, trained):
    model, tr = trained
    dirs = random_directions(model, tr.theta, seed=1)
    seen = []
    gs = loss_plane(model, iris, tr.theta, dirs.d1, dirs.d2, span=1.0, n=21,
                    progress=seen.append, chunk=100)
    assert gs.values.shape == (21, 21) and gs.params == ("alpha", "beta")
    assert seen[-1] == 1.0 and len(seen) == 5
    centre = float(model.loss(tr.theta, iris.X, iris.y))
    assert gs.values[10, 10] == pytest.approx(centre, rel=1e-9)
    assert float(gs.loss(0.0, 0.0)) == pytest.approx(centre, rel=1e-9)
    # Z[i, j] is at (alpha_i, beta_j)
    a, b = gs.xs[3], gs.ys[15]
    direct = model.loss(tr.theta + a * dirs.d1 + b * dirs.d2, iris.X, iris.y)
    assert gs.values[3, 15] == pytest.approx(float(direct), rel=1e-12)
    # a trained minimum: the centre is (nearly) the lowest point of the plane
    assert gs.minima[0].value <= centre + 1e-12
    assert np.hypot(*gs.minima[0].point) < 0.2
    assert gs.values.max() > 5 * centre


def test_loss_plane_cancel(iris, trained):
    model, tr = trained
    dirs = random_directions(model, tr.theta)
    with pytest.raises(Cancelled):
        loss_plane(model, iris, tr.theta, dirs.d1, dirs.d2, n=30, chunk=100,
                   cancel=lambda: True)


# ---------------------------------------------------------------------------------------
# GridSurface


def wavy(x, y):
    return np.sin(x) * np.cos(2 * y) + 0.3 * x * y**2


@pytest.fixture(scope="module")
def grid_surface():
    xs = np.linspace(-2, 2, 41)
    ys = np.concatenate([np.linspace(-1, 0, 11), np.linspace(0.05, 1.5, 20)])  # uneven
    X, Y = np.meshgrid(xs, ys, indexing="ij")
    return GridSurface(xs, ys, wavy(X, Y), name="wavy")


def test_grid_surface_interpolates_the_nodes(grid_surface):
    g = grid_surface
    X, Y = np.meshgrid(g.xs, g.ys, indexing="ij")
    assert np.allclose(g.loss(X, Y), g.values, rtol=1e-14, atol=1e-15)
    assert g.loss(X[:-1, :-1], Y[:-1, :-1]).tolist() == g.values[:-1, :-1].tolist()
    # between nodes it follows the function it was sampled from
    rng = np.random.default_rng(0)
    x, y = rng.uniform(-1.5, 1.5, 500), rng.uniform(-0.7, 1.2, 500)
    assert np.abs(g.loss(x, y) - wavy(x, y)).max() < 1e-3


def test_grid_surface_derivatives_match_finite_differences(grid_surface):
    g = grid_surface
    rng = np.random.default_rng(1)
    x, y = rng.uniform(-2.5, 2.5, 400), rng.uniform(-1.5, 2.0, 400)   # some outside
    h = 1e-6
    loss, gx, gy = g.loss_and_grad(x, y)
    assert np.array_equal(loss, g.loss(x, y))
    assert np.allclose(gx, (g.loss(x + h, y) - g.loss(x - h, y)) / (2 * h), atol=1e-7)
    assert np.allclose(gy, (g.loss(x, y + h) - g.loss(x, y - h)) / (2 * h), atol=1e-7)
    hxx, hxy, hyy = g.hessian(x, y)
    assert np.allclose(hxx, (g.grad(x + h, y)[0] - g.grad(x - h, y)[0]) / (2 * h), atol=1e-6)
    assert np.allclose(hxy, (g.grad(x, y + h)[0] - g.grad(x, y - h)[0]) / (2 * h), atol=1e-6)
    assert np.allclose(hyy, (g.grad(x, y + h)[1] - g.grad(x, y - h)[1]) / (2 * h), atol=1e-6)
    assert g.grad(x, y)[0].shape == (400,)
    assert g.batch_grad(x, y, np.array([0]))[0].tolist() == gx.tolist()


def test_grid_surface_continues_linearly_outside(grid_surface):
    g = grid_surface
    y = np.array([0.3])
    edge, slope, _ = g.loss_and_grad(np.array([2.0]), y)
    for d in (0.5, 3.0):
        assert g.loss(np.array([2.0 + d]), y) == pytest.approx(edge + d * slope, rel=1e-12)
        assert g.grad(np.array([2.0 + d]), y)[0] == pytest.approx(slope, rel=1e-12)
        assert g.hessian(np.array([2.0 + d]), y)[0] == pytest.approx(0, abs=1e-12)


def test_grid_surface_has_the_surface_interface(grid_surface):
    g = grid_surface
    assert g.bounds == ((-2.0, 2.0), (-1.0, 1.5))
    assert g.n_samples is None and g.name == "wavy" and "41 x 31" in g.expr
    xs, ys, Z = g.grid(30)
    assert Z.shape == (30, 30) and Z[4, 7] == g.loss(xs[4], ys[7])
    other = g.with_bounds(((-1, 1), (-1, 1)))
    assert other.bounds == ((-1.0, 1.0), (-1.0, 1.0)) and g.bounds[0] == (-2.0, 2.0)
    # the lowest point, refined off the grid: sin(x) cos(2y) + 0.3 x y**2 is -1 at (-pi/2, 0)
    (m,) = g.minima
    assert m.point == pytest.approx((-np.pi / 2, 0), abs=2e-3)
    assert m.value == pytest.approx(-1, abs=1e-4)
    assert m.value <= g.values.min()
    points = critical_points(g)
    assert any(p.kind == "minimum" and np.allclose(p.point, m.point, atol=1e-9) for p in points)


def test_grid_surface_rejects_bad_grids():
    with pytest.raises(GdError, match="increasing"):
        GridSurface([0, 0, 1], [0, 1], np.zeros((3, 2)))
    with pytest.raises(GdError, match="shape"):
        GridSurface([0, 1, 2], [0, 1], np.zeros((2, 3)))
    with pytest.raises(GdError, match="finite"):
        GridSurface([0, 1], [0, 1], [[0, np.nan], [1, 2]])


def test_optimizers_run_on_a_grid_surface(grid_surface):
    from gdstudio.core.runner import SceneRun
    from gdstudio.core.scene import load_scene

    scene = load_scene('[surface]\nexpr = "x**2 + y**2"\nbounds = [[-2, 2], [-1, 1.5]]\n'
                       '[[run]]\noptimizer = "adam"\nlr = 0.05\nstart = [-0.5, 0.8]\n'
                       'steps = 300\n')
    res = SceneRun(scene, surface=grid_surface).result().runs[0]
    assert res.status == "max_steps"
    assert (res.x[-1], res.y[-1]) == pytest.approx(grid_surface.minima[0].point, abs=1e-2)
    assert res.loss[-1] < res.loss[0]
    # and the same by hand with make_optimizer
    opt = make_optimizer("adam", lr=0.05)
    w = np.array([[-0.5, 0.8]])
    state = opt.init(w)
    for _ in range(300):
        g = np.stack(grid_surface.grad(w[:, 0], w[:, 1]), axis=1)
        w, state = opt.update(state, w, g, 0.05)
    assert w[0] == pytest.approx((res.x[-1], res.y[-1]), abs=1e-12)


# ---------------------------------------------------------------------------------------
# .h5 files of the reference implementation


def write_reference_h5(path, x, y, f, key="train_loss", acc=None):
    """Fill the file as tomgoldstein/loss-landscape's plot_surface.py does."""
    import h5py

    losses = -np.ones((len(x), len(y)))
    xm, ym = np.meshgrid(x, y)                       # scheduler.get_unplotted_indices
    inds = np.arange(losses.size)
    coords = np.c_[xm.ravel()[inds], ym.ravel()[inds]]
    for ind, (a, b) in zip(inds, coords):
        losses.ravel()[ind] = f(a, b)
    with h5py.File(path, "w") as fh:
        fh["dir_file"] = "dirs.h5"
        fh["xcoordinates"] = x
        fh["ycoordinates"] = y
        fh[key] = losses
        if acc is not None:
            fh["train_acc"] = acc * np.ones_like(losses)


def test_h5_surface_round_trips_in_the_reference_layout(tmp_path):
    pytest.importorskip("h5py")
    x, y = np.linspace(-1, 1, 7), np.linspace(-0.5, 1.5, 5)

    def f(a, b):
        return 1 + (a - 0.3) ** 2 + 2 * (b - 0.5) ** 2 + 0.1 * a * b

    path = tmp_path / "resnet56_weights_xignore=biasbn.h5"
    write_reference_h5(path, x, y, f, acc=93.5)
    g = load_h5_surface(path)
    X, Y = np.meshgrid(x, y, indexing="ij")
    assert g.values.shape == (7, 5)
    assert np.array_equal(g.values, f(X, Y))
    assert g.bounds == ((-1.0, 1.0), (-0.5, 1.5))
    assert g.name == "resnet56_weights_xignore=biasbn"
    assert float(g.loss(x[2], y[3])) == pytest.approx(f(x[2], y[3]), rel=1e-14)
    err = load_h5_surface(path, "train_err")
    assert np.allclose(err.values, 6.5)


def test_h5_errors_name_the_file_and_the_dataset(tmp_path):
    h5py = pytest.importorskip("h5py")
    x, y = np.linspace(-1, 1, 4), np.linspace(-1, 1, 4)
    path = tmp_path / "surf.h5"
    write_reference_h5(path, x, y, lambda a, b: a * a + b * b)
    with pytest.raises(DataError, match=r"surf\.h5.*\"test_loss\""):
        load_h5_surface(path, "test_loss")
    with h5py.File(path, "a") as fh:
        fh["train_loss"][0, 0] = -1
    with pytest.raises(DataError, match=r"surf\.h5.*\"train_loss\".*-1"):
        load_h5_surface(path)
    with h5py.File(path, "a") as fh:
        del fh["ycoordinates"]
    with pytest.raises(DataError, match="1-D surface"):
        load_h5_surface(path)
    bad = tmp_path / "notes.h5"
    bad.write_text("not hdf5")
    with pytest.raises(DataError, match=r"notes\.h5"):
        load_h5_surface(bad)
    with pytest.raises(DataError, match="no such file"):
        load_h5_surface(tmp_path / "missing.h5")


def test_missing_h5py_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "h5py", None)
    with pytest.raises(GdError, match=r"pip install gdstudio\[landscape\]"):
        load_h5_surface(tmp_path / "x.h5")


def test_h5_datasets_stored_elsewhere_are_refused_by_name(tmp_path):
    h5py = pytest.importorskip("h5py")
    x = np.linspace(-1, 1, 4)
    other = tmp_path / "other.h5"
    write_reference_h5(other, x, x, lambda a, b: a * a + b * b)

    linked = tmp_path / "linked.h5"
    write_reference_h5(linked, x, x, lambda a, b: a * a + b * b)
    with h5py.File(linked, "a") as fh:
        del fh["train_loss"]
        fh["train_loss"] = h5py.ExternalLink("other.h5", "/train_loss")
    with pytest.raises(DataError, match=r"linked\.h5: \"train_loss\" is a link to "
                                        r"other\.h5:/train_loss in another file"):
        load_h5_surface(linked)

    virtual = tmp_path / "virtual.h5"
    write_reference_h5(virtual, x, x, lambda a, b: a * a + b * b)
    layout = h5py.VirtualLayout(shape=(4, 4), dtype="f8")
    layout[:] = h5py.VirtualSource(str(other), "train_loss", shape=(4, 4))
    with h5py.File(virtual, "a") as fh:
        del fh["train_loss"]
        fh.create_virtual_dataset("train_loss", layout, fillvalue=0)
    with pytest.raises(DataError, match=r"virtual\.h5: dataset \"train_loss\" keeps its "
                                        r"values in other files"):
        load_h5_surface(virtual)

    raw = tmp_path / "raw.h5"
    (tmp_path / "values.bin").write_bytes(np.zeros(16).tobytes())
    write_reference_h5(raw, x, x, lambda a, b: a * a + b * b)
    with h5py.File(raw, "a") as fh:
        del fh["train_loss"]
        fh.create_dataset("train_loss", shape=(4, 4), dtype="f8",
                          external=[(str(tmp_path / "values.bin"), 0, 128)])
    with pytest.raises(DataError, match=r"raw\.h5: dataset \"train_loss\" keeps its values"):
        load_h5_surface(raw)


def test_an_h5_grid_declared_too_large_is_refused_before_reading(tmp_path):
    h5py = pytest.importorskip("h5py")
    path = tmp_path / "huge.h5"
    n = 100_000
    with h5py.File(path, "w") as fh:
        fh["xcoordinates"] = np.linspace(-1, 1, n)
        fh["ycoordinates"] = np.linspace(-1, 1, n)
        fh.create_dataset("train_loss", shape=(n, n), dtype="f8", chunks=(1000, 1000),
                          compression="gzip")
    assert path.stat().st_size < 4 << 20
    with pytest.raises(DataError, match=r"huge\.h5: dataset \"train_loss\" holds 100,000 x "
                                        r"100,000 values, more than the 100,000,000"):
        load_h5_surface(path)


def test_a_large_h5_grid_is_resampled_and_says_so(tmp_path):
    h5py = pytest.importorskip("h5py")
    import tracemalloc

    from gdstudio.core.landscape import MAX_H5_GRID

    nx, ny = 3000, 2000
    x, y = np.linspace(-2, 2, nx), np.linspace(-1, 1, ny)
    path = tmp_path / "big.h5"
    with h5py.File(path, "w") as fh:
        fh["xcoordinates"] = x
        fh["ycoordinates"] = y
        ds = fh.create_dataset("train_loss", shape=(nx, ny), dtype="f8", chunks=(500, 500))
        for r0 in range(0, nx, 500):          # meshgrid order: flat k at (x[k % nx], y[k // nx])
            k = np.arange(r0 * ny, (r0 + 500) * ny)
            ds[r0:r0 + 500] = (x[k % nx] ** 2 + 3 * y[k // nx] ** 2).reshape(500, ny)
    tracemalloc.start()
    g = load_h5_surface(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 2 * (nx * ny * 8), peak      # read whole, the spline alone needs 16x that
    assert g.values.shape == (MAX_H5_GRID, MAX_H5_GRID)
    assert g.bounds == ((-2.0, 2.0), (-1.0, 1.0))
    X, Y = np.meshgrid(g.xs, g.ys, indexing="ij")
    assert np.allclose(g.values, X**2 + 3 * Y**2, rtol=0, atol=1e-12)
    assert "3000 x 2000 points, resampled to 401 x 401" in g.description
