"""Software OpenGL for ``--safe-mode`` / ``--software-gl``, and the check that PyOpenGL
can draw into the context Qt made.

:func:`apply_software_gl` only sets environment variables, so it must run before Qt (and
PyOpenGL) are imported: Qt reads them when it loads its platform plugin, Mesa when the
first context is made.
"""

from __future__ import annotations

import os
import sys


def apply_software_gl(environ: dict[str, str] | None = None,
                      platform: str | None = None) -> dict[str, str]:
    """Ask for Mesa's llvmpipe (Linux) or Qt's bundled opengl32sw.dll (Windows).

    Returns the variables it set. Values the user already set are kept, except that
    ``LIBGL_ALWAYS_SOFTWARE`` is always forced on. On macOS nothing applies: the
    system picks its own software renderer when there is no usable GPU.
    """
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    wanted: dict[str, str] = {}
    if platform.startswith("win"):
        wanted["QT_OPENGL"] = "software"
    elif platform.startswith("linux") or "bsd" in platform:
        wanted["LIBGL_ALWAYS_SOFTWARE"] = "1"
        wanted["GALLIUM_DRIVER"] = env.get("GALLIUM_DRIVER", "llvmpipe")
        # With glvnd, a proprietary driver's libGLX would ignore LIBGL_ALWAYS_SOFTWARE.
        wanted["__GLX_VENDOR_LIBRARY_NAME"] = env.get("__GLX_VENDOR_LIBRARY_NAME", "mesa")
        if env.get("DISPLAY") and "QT_QPA_PLATFORM" not in env:
            # On Wayland desktops go through XWayland: GLX with Mesa is the best-trodden
            # software path, and PyOpenGL must then use GLX too.
            wanted["QT_QPA_PLATFORM"] = "xcb"
        integration = env.get("QT_XCB_GL_INTEGRATION", "xcb_glx")
        wanted["QT_XCB_GL_INTEGRATION"] = integration
        wanted["PYOPENGL_PLATFORM"] = env.get(
            "PYOPENGL_PLATFORM", "egl" if integration == "xcb_egl" else "glx")
    changed = {k: v for k, v in wanted.items() if env.get(k) != v}
    env.update(changed)
    return changed


def pyopengl_mismatch() -> str | None:
    """With a Qt OpenGL context current: None if PyOpenGL (which draws the 3D view) sees
    that context, else why it cannot and the way out.

    Qt picks EGL or GLX by itself (EGL when the X server has no GLX, or with
    ``QT_XCB_GL_INTEGRATION=xcb_egl``); PyOpenGL picks by ``PYOPENGL_PLATFORM`` when it is
    first imported. When they differ every draw call fails and the 3D view stays blank.
    """
    try:
        from OpenGL import platform as gl_platform

        if gl_platform.PLATFORM.GetCurrentContext():
            return None
    except Exception as e:  # a PyOpenGL that cannot load its platform at all
        return f"PyOpenGL cannot load ({type(e).__name__}: {e})."
    pyopengl = type(gl_platform.PLATFORM).__name__.removesuffix("Platform").upper()
    qt = _qt_gl_api()
    if qt == "egl":
        fix = "set PYOPENGL_PLATFORM=egl"
    elif qt == "glx":
        fix = "set PYOPENGL_PLATFORM=glx, or unset it"
    else:
        fix = "QT_XCB_GL_INTEGRATION and PYOPENGL_PLATFORM must name the same API"
    return (f"PyOpenGL ({pyopengl}) cannot draw into Qt's OpenGL context"
            f"{' (' + qt.upper() + ')' if qt else ''}: {fix}.")


def _qt_gl_api() -> str | None:
    """'egl' or 'glx': the API of the current OpenGL context (Linux), else None."""
    import ctypes

    for api, lib, fn in (("egl", "libEGL.so.1", "eglGetCurrentContext"),
                         ("glx", "libGL.so.1", "glXGetCurrentContext")):
        try:
            get = getattr(ctypes.CDLL(lib), fn)
        except (OSError, AttributeError):
            continue
        get.restype = ctypes.c_void_p
        if get():
            return api
    return None
