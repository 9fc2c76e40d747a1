"""``gdstudio --selftest``: check that this installation (or frozen bundle) works.

One line per check, ``name: ok ...`` or ``name: FAILED: reason``; exit status 0 when
nothing failed, 1 otherwise. A machine without usable OpenGL is reported, not failed:
the app then runs its 2D-only fallback. MP4 needs the optional ``video`` extra (or, in a
bundle, an ffmpeg binary) and is reported as not available when it is missing.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from gdstudio import __version__

FRAME = (320, 240)
FORMULA = "(1 - x)**2 + 100*(y - x**2)**2"


class NotAvailable(Exception):
    """A check whose optional part is missing: reported, not failed."""


class _Checks:
    def __init__(self, out):
        self.out = out
        self.failed = 0
        self.frame: np.ndarray | None = None
        self.gl_ok = False

    def run(self, name: str, fn: Callable[[], str]) -> None:
        t = time.perf_counter()
        try:
            detail = fn()
        except NotAvailable as e:
            self.out.write(f"{name}: {e}\n")
        except Exception as e:  # a selftest reports every failure and goes on
            self.failed += 1
            self.out.write(f"{name}: FAILED: {type(e).__name__}: {e}\n")
        else:
            ms = (time.perf_counter() - t) * 1000
            self.out.write(f"{name}: ok{' (' + detail + ')' if detail else ''} [{ms:.0f} ms]\n")
        self.out.flush()


def main(safe_mode: bool = False, out=None) -> int:
    if out is None and sys.stdout is None:
        # A windowed Windows/macOS executable has no console: keep the report in a file.
        path = Path(tempfile.gettempdir()) / "gdstudio-selftest.txt"
        with open(path, "w", encoding="utf-8") as f:
            return main(safe_mode, f)
    out = sys.stdout if out is None else out
    if safe_mode:
        from gdstudio.glconfig import apply_software_gl

        changed = apply_software_gl()
        out.write("safe mode: " + (" ".join(f"{k}={v}" for k, v in changed.items())
                                   or "nothing to change") + "\n")
    frozen = " (frozen bundle)" if getattr(sys, "frozen", False) else ""
    out.write(f"gdstudio {__version__} selftest{frozen}: Python {platform.python_version()}, "
              f"{platform.system()} {platform.machine()}\n")
    checks = _Checks(out)
    with tempfile.TemporaryDirectory(prefix="gdstudio-selftest-") as tmp:
        checks.run("resources", _resources)
        checks.run("formula", _formula)
        checks.run("scene", _scene)
        checks.run("Qt", _qt)
        checks.run("OpenGL", lambda: _opengl(checks))
        checks.run("3D frame", lambda: _render(checks))
        checks.run("GIF", lambda: _gif(checks, Path(tmp)))
        checks.run("MP4", lambda: _mp4(checks, Path(tmp)))
    out.write("selftest: " + ("all checks passed\n" if not checks.failed
                              else f"{checks.failed} check(s) FAILED\n"))
    return 0 if not checks.failed else 1


def _resources() -> str:
    from gdstudio.resources import resource_root

    root = resource_root()
    counts = {}
    for sub, pattern in (("scenes", "*.toml"), ("lessons", "*.toml"), ("data", "*.csv")):
        n = len(list((root / sub).glob(pattern)))
        if n == 0:
            raise FileNotFoundError(f"no {pattern} in {root / sub}")
        counts[sub] = n
    icons = len(list((root / "icons").glob("*"))) if (root / "icons").is_dir() else 0
    qm = len(list((root / "i18n").glob("*.qm"))) if (root / "i18n").is_dir() else 0
    return (f"{counts['scenes']} scenes, {counts['lessons']} lessons, {counts['data']} data "
            f"sets, {icons} icons, {qm} translations in {root}")


def _formula() -> str:
    from gdstudio.core.formula import compile_formula

    f = compile_formula(FORMULA)
    value = float(f.value(np.array(1.0), np.array(1.0)))
    gx, gy = f.grad(np.array(-1.0), np.array(1.0))
    if value != 0.0 or (float(gx), float(gy)) != (-4.0, 0.0):
        raise ValueError(f"Rosenbrock: f(1, 1) = {value}, grad f(-1, 1) = ({gx}, {gy})")
    return "Rosenbrock value and gradient"


def _scene() -> str:
    import gdstudio
    from gdstudio.resources import resource_path

    path = resource_path("scenes", "default.toml")
    result = gdstudio.run_scene(gdstudio.load_scene(path), steps=50)
    losses = [float(np.asarray(r.loss).ravel()[-1]) for r in result.runs]
    if not losses or not all(np.isfinite(losses)):
        raise ValueError(f"final losses {losses}")
    return f"{path.name}: {len(result.runs)} runs x 50 steps"


def _app():
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        app = QApplication(sys.argv[:1])
    return app


def _qt() -> str:
    import PySide6
    from PySide6.QtCore import qVersion

    app = _app()
    return f"PySide6 {PySide6.__version__}, Qt {qVersion()}, platform '{app.platformName()}'"


def _opengl(checks: _Checks) -> str:
    from PySide6.QtGui import QGuiApplication, QOffscreenSurface, QOpenGLContext

    from gdstudio.glconfig import pyopengl_mismatch

    _app()
    name = QGuiApplication.platformName()
    fallback = "the app will use its 2D-only fallback"
    if name in ("offscreen", "minimal", "vnc"):
        raise NotAvailable(f"not available on the '{name}' platform: {fallback}")
    ctx = QOpenGLContext()
    if not ctx.create():
        raise NotAvailable(f"no context could be created: {fallback} (try --safe-mode)")
    surface = QOffscreenSurface()
    surface.setFormat(ctx.format())
    surface.create()
    try:
        if not surface.isValid() or not ctx.makeCurrent(surface):
            raise NotAvailable(f"the context cannot be made current: {fallback}")
        gl = ctx.functions()
        vendor, renderer, version = (gl.glGetString(c) for c in (0x1F00, 0x1F01, 0x1F02))
        mismatch = pyopengl_mismatch()
        ctx.doneCurrent()
    finally:
        surface.destroy()
    if mismatch:
        raise NotAvailable(f"{mismatch[:-1]}: {fallback}")
    fmt = ctx.format()
    if (fmt.majorVersion(), fmt.minorVersion()) < (2, 0):
        raise NotAvailable(f"OpenGL {fmt.majorVersion()}.{fmt.minorVersion()} is too old: "
                           f"{fallback}")
    checks.gl_ok = True
    return f"vendor {vendor!r}, renderer {renderer!r}, version {version!r}"


def _render(checks: _Checks) -> str:
    if not checks.gl_ok:
        raise NotAvailable("skipped: no OpenGL")
    app = _app()
    import pyqtgraph.opengl as gl

    from gdstudio.core.surfaces import builtin_surface

    xs, ys, z = builtin_surface("himmelblau").grid(60)
    z = np.log1p(z)
    t = (z - z.min()) / np.ptp(z)
    colors = np.empty((z.size, 4), dtype=np.float32)
    colors[:, 0] = (0.0 + 0.9 * t).ravel()
    colors[:, 1] = (0.45 + 0.2 * t).ravel()
    colors[:, 2] = (0.7 - 0.7 * t).ravel()
    colors[:, 3] = 1.0
    from gdstudio.gui.draw.gl_items import CachedGLView

    view = CachedGLView()               # the 3D view's own way of drawing a frame
    view.resize(*FRAME)
    from PySide6.QtGui import QVector3D

    view.setCameraPosition(pos=QVector3D(0.0, 0.0, float(z.mean())), distance=24,
                           elevation=30, azimuth=45)
    view.addItem(gl.GLSurfacePlotItem(x=xs, y=ys, z=z, colors=colors,
                                      computeNormals=False))
    try:
        image = view.grabFramebuffer()
    finally:
        view.close()
        view.deleteLater()
        app.processEvents()
    frame = _rgb(image)
    levels = len(np.unique(frame.reshape(-1, 3), axis=0))
    if frame.std() < 2.0 or levels < 16:
        raise ValueError(f"the frame is blank ({levels} colours)")
    checks.frame = frame
    return f"{frame.shape[1]}x{frame.shape[0]}, {levels} colours"


def _rgb(image) -> np.ndarray:
    from PySide6.QtGui import QImage

    image = image.convertToFormat(QImage.Format.Format_RGB888)
    w, h, stride = image.width(), image.height(), image.bytesPerLine()
    buf = np.frombuffer(image.constBits(), dtype=np.uint8, count=stride * h)
    return buf.reshape(h, stride)[:, : w * 3].reshape(h, w, 3).copy()


def _frames(checks: _Checks) -> list[np.ndarray]:
    w, h = FRAME[0] // 2, FRAME[1] // 2
    if checks.frame is not None and checks.frame.shape[0] >= h and checks.frame.shape[1] >= w:
        base = checks.frame[:h, :w]
    else:
        gy, gx = np.mgrid[0:h, 0:w]
        base = np.stack([gx * 255 // w, gy * 255 // h, np.full_like(gx, 128)], axis=-1)
    return [np.roll(base, 4 * i, axis=1).astype(np.uint8) for i in range(8)]


def _gif(checks: _Checks, tmp: Path) -> str:
    try:
        import imageio.v3 as iio
    except ImportError:
        raise NotAvailable("not available (optional extra: pip install "
                           "'gdstudio[video]')") from None
    path = tmp / "selftest.gif"
    frames = _frames(checks)
    iio.imwrite(path, frames, extension=".gif", duration=100, loop=0)
    back = iio.imread(path, index=None)
    if len(back) != len(frames):
        raise ValueError(f"wrote {len(frames)} frames, read back {len(back)}")
    return f"{len(frames)} frames, {path.stat().st_size / 1024:.1f} KiB"


def _mp4(checks: _Checks, tmp: Path) -> str:
    unavailable = NotAvailable("not available (optional extra: pip install 'gdstudio[video]'"
                               ", or a bundle built with ffmpeg)")
    try:
        import imageio_ffmpeg
    except ImportError:
        raise unavailable from None
    try:
        exe = imageio_ffmpeg.get_ffmpeg_exe()
    except (RuntimeError, ImportError, OSError):
        raise unavailable from None
    path = tmp / "selftest.mp4"
    frames = _frames(checks)
    h, w = frames[0].shape[:2]
    writer = imageio_ffmpeg.write_frames(str(path), (w, h), fps=10, macro_block_size=8,
                                         ffmpeg_log_level="error")
    writer.send(None)
    for f in frames:
        writer.send(np.ascontiguousarray(f))
    writer.close()
    size = path.stat().st_size
    if size == 0:
        raise ValueError("ffmpeg wrote an empty file")
    return f"{len(frames)} frames, {size / 1024:.1f} KiB, ffmpeg {Path(exe).name}"
