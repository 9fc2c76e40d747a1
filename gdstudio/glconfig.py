"""Software OpenGL for ``--safe-mode`` / ``--software-gl``.

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
