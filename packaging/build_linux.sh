#!/usr/bin/env bash
# Build the Linux one-folder app, a tarball and an AppImage-style AppDir:
#   dist/gdstudio/                                   the PyInstaller bundle
#   dist/gdstudio-VERSION-linux-ARCH.tar.gz          bundle + share/ (desktop file, icons,
#                                                    AppStream metainfo)
#   dist/GDStudio.AppDir/                            AppRun, .desktop, icon, usr/...
#   dist/GDStudio-VERSION-ARCH.AppImage              only when appimagetool is on PATH
# Usage: packaging/build_linux.sh [PYTHON]  (default .venv/bin/python). GDSTUDIO_BUNDLE_FFMPEG=1
# bundles imageio-ffmpeg's ffmpeg binary (GPL; see THIRD_PARTY_NOTICES.md).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${1:-.venv/bin/python}
DIST=${DIST:-dist}
WORK=${WORK:-build/pyinstaller}

"$PY" -c "import PyInstaller" 2>/dev/null || "$PY" -m pip install -q "pyinstaller>=6.10"
[ -f packaging/icons/hicolor/256x256/apps/gdstudio.png ] \
  || QT_QPA_PLATFORM=offscreen "$PY" packaging/make_icons.py

start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$WORK" packaging/gdstudio.spec
echo "build_linux: PyInstaller took $(( $(date +%s) - start )) s"

VERSION=$("$PY" -c "import gdstudio; print(gdstudio.__version__)")
ARCH=$(uname -m)
BUNDLE="$DIST/gdstudio"
[ -x "$BUNDLE/gdstudio" ] || { echo "build_linux: $BUNDLE/gdstudio missing" >&2; exit 1; }
cp THIRD_PARTY_NOTICES.md "$BUNDLE/THIRD_PARTY_NOTICES.md"

install_share() {  # $1 = prefix that gets share/
  local share="$1/share"
  install -Dm644 packaging/linux/gdstudio.desktop "$share/applications/gdstudio.desktop"
  install -Dm644 packaging/linux/io.github.gdstudio.GDStudio.metainfo.xml \
    "$share/metainfo/io.github.gdstudio.GDStudio.metainfo.xml"
  (cd packaging/icons && find hicolor -type f) | while read -r f; do
    install -Dm644 "packaging/icons/$f" "$share/icons/$f"
  done
}

# Tarball: gdstudio-VERSION-linux-ARCH/{gdstudio, _internal, share/...}
NAME="gdstudio-$VERSION-linux-$ARCH"
STAGE="$WORK/$NAME"
rm -rf "$STAGE" && mkdir -p "$STAGE"
cp -al "$BUNDLE/." "$STAGE/" 2>/dev/null || cp -a "$BUNDLE/." "$STAGE/"
install_share "$STAGE"
tar -C "$WORK" -czf "$DIST/$NAME.tar.gz" "$NAME"
rm -rf "$STAGE"
echo "build_linux: wrote $DIST/$NAME.tar.gz ($(du -h "$DIST/$NAME.tar.gz" | cut -f1))"

# AppDir (the AppImage layout): AppRun + desktop file + icon at the top, the bundle in usr/lib.
APPDIR="$DIST/GDStudio.AppDir"
rm -rf "$APPDIR" && mkdir -p "$APPDIR/usr/lib"
cp -al "$BUNDLE" "$APPDIR/usr/lib/gdstudio" 2>/dev/null || cp -a "$BUNDLE" "$APPDIR/usr/lib/gdstudio"
install -Dm755 packaging/linux/AppRun "$APPDIR/AppRun"
install_share "$APPDIR/usr"
cp packaging/linux/gdstudio.desktop "$APPDIR/gdstudio.desktop"
cp packaging/icons/hicolor/256x256/apps/gdstudio.png "$APPDIR/gdstudio.png"
ln -sf gdstudio.png "$APPDIR/.DirIcon"
echo "build_linux: wrote $APPDIR"

if command -v appimagetool >/dev/null 2>&1; then
  ARCH=$ARCH appimagetool --no-appstream "$APPDIR" "$DIST/GDStudio-$VERSION-$ARCH.AppImage"
else
  echo "build_linux: appimagetool not on PATH; AppDir left unpacked (see docs/packaging.md)"
fi
echo "build_linux: bundle $(du -sh "$BUNDLE" | cut -f1) in $BUNDLE; $(( $(date +%s) - start )) s in all"
