#!/bin/sh
# Installs Maturity Workshop from this folder for one user, without root:
# the program in ~/.local/bin, its menu entry, icon, file type for
# *.workshop.ron, man pages and shell completions under ~/.local/share.
#
#   ./install.sh                 # into ~/.local
#   PREFIX=/opt/mw ./install.sh  # elsewhere (root may be needed)
#   ./install.sh --uninstall     # removes what it installed
#
# The program itself needs no installing: bin/maturity-workshop runs from
# here. It needs X11 or Wayland and OpenGL (Mesa), as any desktop has.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-$HOME/.local}
files=$(cd "$here" && find bin share -type f | sort)

if [ "${1:-}" = --uninstall ]; then
    for file in $files; do rm -f "$prefix/$file"; done
    echo "removed Maturity Workshop from $prefix"
else
    for file in $files; do
        mkdir -p "$prefix/$(dirname "$file")"
        cp "$here/$file" "$prefix/$file"
    done
    chmod 755 "$prefix/bin/maturity-workshop"
    echo "installed Maturity Workshop in $prefix (run: $prefix/bin/maturity-workshop)"
fi
# Let the desktop see the entry, the file type and the icon now.
command -v update-desktop-database >/dev/null && update-desktop-database -q "$prefix/share/applications" || true
command -v update-mime-database >/dev/null && update-mime-database "$prefix/share/mime" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" || true
