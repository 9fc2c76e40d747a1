#!/usr/bin/env bash
# Qt Linguist translations of the interface.
#   scripts/i18n.sh update   - list the core's message templates in build/i18n/core_messages.py
#                              (scripts/extract_core_messages.py), then rescan it and gdstudio/gui
#                              with pyside6-lupdate into resources/i18n/*.ts (new strings appear as
#                              unfinished; translate them, e.g. in linguist)
#   scripts/i18n.sh compile  - compile the .ts files to the .qm files the app loads (pyside6-lrelease)
# The .qm files are checked in, so a build without the Qt tools still ships them;
# tests/gui/test_gui_i18n.py fails if they are out of date or a string is untranslated.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
BIN=$VENV/bin
LOCALES=(zh_CN)

case "${1:-}" in
  update)
    "$BIN/python" scripts/extract_core_messages.py build/i18n/core_messages.py
    mapfile -t sources < <(find gdstudio/gui -name '*.py' | sort)
    for loc in "${LOCALES[@]}"; do
      "$BIN/pyside6-lupdate" -no-obsolete "${sources[@]}" build/i18n/core_messages.py \
        -ts "resources/i18n/gdstudio_$loc.ts"
    done ;;
  compile)
    for loc in "${LOCALES[@]}"; do
      "$BIN/pyside6-lrelease" "resources/i18n/gdstudio_$loc.ts" \
        -qm "resources/i18n/gdstudio_$loc.qm"
    done ;;
  *)
    echo "usage: $0 update|compile" >&2
    exit 2 ;;
esac
