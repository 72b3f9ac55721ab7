#!/usr/bin/env bash
# Builds the one-folder bundle dist/mhdesk/ (start it as dist/mhdesk/mhdesk) with PyInstaller, from the
# Python environment mhdesk runs in (pip install -e . and pip install pyinstaller), then runs its self-test.
# The same spec builds on Windows and macOS; see the README for the installer of each.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m PyInstaller --version >/dev/null 2>&1 || python3 -m pip install -q 'pyinstaller>=6.3'
python3 -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller installer/mhdesk.spec
echo "Bundle written to dist/mhdesk/ ($(du -sh dist/mhdesk | cut -f1))."
