#!/usr/bin/env bash
# Screenshots of each main screen (Start, Walk-through, Summary, Roadmap)
# from the real app under Xvfb, for the README and the AppStream metadata:
# docs/screenshots/*.png, 1280x720, reduced to 256 colours to keep them
# small. Rerun after a screen changes, then look at every picture before
# committing it.
#
#   scripts/screenshots.sh                 # builds the release binary first
#   SKIP_BUILD=1 BIN=target/debug/maturity-workshop scripts/screenshots.sh
#
# Needs: Xvfb, xdotool, ImageMagick (import, convert), Mesa's software GL
#   apt-get install -y xvfb xdotool imagemagick libgl1-mesa-dri
#
# The Walk-through, Summary and Roadmap shots show the sample workshop
# (`maturity-workshop sample`). The screens are reached by clicking the top
# bar's tabs at the positions below (1280-pixel window, projector theme,
# 100% zoom); if the top bar changes, find the new positions on
# /tmp/screenshots-walkthrough-raw.png and change them here. Each shot is
# checked to differ from the one before, so a missed click fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-target/release/maturity-workshop}
OUT=${OUT:-docs/screenshots}
WIDTH=1280
HEIGHT=720
# Where the top bar's controls are, in window pixels.
DISMISS_NOTICE=(289 100)
SUMMARY_TAB=(51 57)
ROADMAP_TAB=(153 57)

for tool in Xvfb xdotool import convert; do
    command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y xvfb xdotool imagemagick" >&2; exit 2; }
done
if [ -z "${SKIP_BUILD:-}" ]; then
    cargo build --release --quiet
fi
[ -x "$BIN" ] || { echo "no $BIN: run cargo build --release" >&2; exit 2; }
bin=$(realpath "$BIN")

work=$(mktemp -d)
xvfb_pid=""
app_pid=""
cleanup() {
    if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then kill "$app_pid" 2>/dev/null || true; fi
    if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

display=99
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1920x1080x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
export DISPLAY=":$display"
for _ in $(seq 100); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
unset WAYLAND_DISPLAY

# Starts the app (with the given arguments) in fresh data and settings
# folders and waits for its window, sized to WIDTH x HEIGHT.
wid=""
start_app() {
    rm -rf "$work/data" "$work/xdg"
    mkdir -p "$work/data" "$work/xdg"
    # From the work folder, so a file is named as given: the notice that
    # names it, and so the Dismiss button, stay where DISMISS_NOTICE says.
    (cd "$work" && MATURITY_WORKSHOP_DATA_DIR="$work/data" XDG_DATA_HOME="$work/xdg" XDG_CONFIG_HOME="$work/xdg" \
        exec "$bin" "$@" >"$work/app.log" 2>&1) &
    app_pid=$!
    wid=""
    for _ in $(seq 600); do
        kill -0 "$app_pid" 2>/dev/null || { echo "the app exited:" >&2; cat "$work/app.log" >&2; exit 1; }
        wid=$(xdotool search --onlyvisible --name "Maturity Workshop" 2>/dev/null | head -n 1 || true)
        [ -n "$wid" ] && break
        sleep 0.1
    done
    [ -n "$wid" ] || { echo "no window after 60 s" >&2; exit 1; }
    xdotool windowsize "$wid" "$WIDTH" "$HEIGHT"
    settle
}
stop_app() {
    kill "$app_pid"
    wait "$app_pid" 2>/dev/null || true
    app_pid=""
}
# The app repaints only when something changes; give a frame time to land
# (a debug build on a software renderer is slow).
settle() { sleep "${SETTLE:-2}"; }
click() {
    xdotool mousemove --window "$wid" "$1" "$2" click 1
    # Off the controls, so no hover highlight is in the picture.
    xdotool mousemove --window "$wid" $((WIDTH - 20)) $((HEIGHT - 20))
    settle
}
last=""
shoot() {
    local name=$1 raw="$work/$1.png"
    import -silent -window "$wid" "$raw"
    cp "$raw" "/tmp/screenshots-$name-raw.png"
    local sum
    sum=$(convert "$raw" -format '%#' info:)
    [ "$sum" != "$last" ] || { echo "$name: the screen did not change (a click missed? see the positions in $0)" >&2; exit 1; }
    last=$sum
    mkdir -p "$OUT"
    convert "$raw" -strip -colors 256 "PNG8:$OUT/$name.png"
    echo "$OUT/$name.png: $(convert "$OUT/$name.png" -format '%wx%h' info:), $(stat -c %s "$OUT/$name.png") bytes"
}

start_app
shoot start
stop_app

"$bin" sample -o "$work/sample.workshop.ron" >/dev/null
start_app sample.workshop.ron
click "${DISMISS_NOTICE[@]}"
shoot walkthrough
click "${SUMMARY_TAB[@]}"
shoot summary
click "${ROADMAP_TAB[@]}"
shoot roadmap
stop_app
