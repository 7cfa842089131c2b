#!/usr/bin/env bash
# Renders the app icon's PNGs (48, 128 and 256 px, hicolor theme layout)
# from the SVG drawn for it. The PNGs are committed, so building or
# packaging never needs this; run it after changing the SVG.
#
# Needs: rsvg-convert (apt-get install -y librsvg2-bin)
set -euo pipefail
cd "$(dirname "$0")/.."

command -v rsvg-convert >/dev/null || { echo "missing rsvg-convert: apt-get install -y librsvg2-bin" >&2; exit 2; }
id=org.maturity_workshop.MaturityWorkshop
svg=assets/icons/hicolor/scalable/apps/$id.svg
for size in 48 128 256; do
    out=assets/icons/hicolor/${size}x${size}/apps/$id.png
    mkdir -p "$(dirname "$out")"
    rsvg-convert --width "$size" --height "$size" "$svg" --output "$out"
    echo "$out: $(stat -c %s "$out") bytes"
done
