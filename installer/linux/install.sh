#!/usr/bin/env bash
# Installs the built bundle dist/mhdesk/ for the current user: the folder under ~/.local/lib/mhdesk, the
# command as ~/.local/bin/mhdesk, the menu entry and the icons (uninstall: the same script with --remove).
set -euo pipefail
cd "$(dirname "$0")/../.."
prefix=${PREFIX:-$HOME/.local}
data=${XDG_DATA_HOME:-$HOME/.local/share}
if [ "${1:-}" = "--remove" ]; then
  rm -rf "$prefix/lib/mhdesk" "$prefix/bin/mhdesk" "$data/applications/mhdesk.desktop"
  find "$data/icons/hicolor" -name 'mhdesk.*' -delete 2>/dev/null || true
  echo "mhdesk removed (the databases in $data/mhdesk are kept)."
  exit 0
fi
[ -x dist/mhdesk/mhdesk ] || { echo "Build the bundle first: bash installer/build.sh" >&2; exit 2; }
mkdir -p "$prefix/lib" "$prefix/bin" "$data/applications"
rm -rf "$prefix/lib/mhdesk"
cp -a dist/mhdesk "$prefix/lib/mhdesk"
ln -sf "$prefix/lib/mhdesk/mhdesk" "$prefix/bin/mhdesk"
sed "s|^Exec=mhdesk|Exec=$prefix/bin/mhdesk|; s|^TryExec=mhdesk|TryExec=$prefix/bin/mhdesk|" \
  installer/linux/mhdesk.desktop > "$data/applications/mhdesk.desktop"
mkdir -p "$data/icons" && cp -r installer/icons/hicolor "$data/icons/"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
echo "mhdesk installed: $prefix/bin/mhdesk and the menu entry."
