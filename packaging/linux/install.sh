#!/bin/sh
# Install this unpacked EnT Portfolio folder for the current user:
# a link in ~/.local/bin, the menu entry, the icons and AppStream metadata.
#   ./install.sh            install (the folder stays where it is)
#   ./install.sh --remove   remove the menu entry, icons and link
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
BIN="$HOME/.local/bin"
ID=org.entportfolio.EnTPortfolio
if [ "${1:-}" = "--remove" ]; then
  rm -f "$BIN/ent-portfolio" "$DATA/applications/$ID.desktop" "$DATA/metainfo/$ID.metainfo.xml"
  find "$DATA/icons/hicolor" -name ent-portfolio.png -delete 2>/dev/null || true
  echo "EnT Portfolio removed from the menu (the folder $HERE and your portfolios are untouched)."
  exit 0
fi
mkdir -p "$BIN" "$DATA/applications" "$DATA/metainfo" "$DATA/icons"
ln -sf "$HERE/ent-portfolio" "$BIN/ent-portfolio"
sed "s|^Exec=.*|Exec=\"$HERE/ent-portfolio\"|" "$HERE/share/applications/$ID.desktop" > "$DATA/applications/$ID.desktop"
cp "$HERE/share/metainfo/$ID.metainfo.xml" "$DATA/metainfo/"
cp -r "$HERE/share/icons/hicolor" "$DATA/icons/"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$DATA/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" 2>/dev/null || true
echo "EnT Portfolio installed: menu entry, icons, and $BIN/ent-portfolio"
