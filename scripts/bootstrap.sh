#!/usr/bin/env bash
# Sets up everything `make run` and `make test` need on a fresh Debian/Ubuntu machine:
# the system libraries Qt's xcb platform and Mesa's software OpenGL load, Xvfb for headless
# tests (with openbox, xdotool and xprop for the keyboard tests: without a window manager
# no window is active and X key events miss Qt's shortcuts), then a virtual environment
# with gdstudio installed in editable mode.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}
APT_PACKAGES=(xvfb xauth libegl1 libgl1 libglx-mesa0 libgl1-mesa-dri libglib2.0-0
  libfontconfig1 libdbus-1-3 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4
  libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0 libxcb-image0
  libxcb-xinerama0 libxcb-xkb1 fonts-noto-cjk desktop-file-utils appstream
  openbox xdotool x11-utils)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  "$PYTHON" -c "import ensurepip, venv" 2>/dev/null || missing+=("python3-venv")
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing system packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ ! -x "$VENV/bin/python" ]; then
  echo "bootstrap: creating $VENV"
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q -e ".[dev,video,landscape]"
touch "$VENV/.installed"
echo "bootstrap: ready ($("$VENV/bin/python" --version))"
