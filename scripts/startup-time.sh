#!/usr/bin/env bash
# Start-up to the first painted frame under Xvfb, resident memory and idle
# CPU once painted, and the release binary's size (issue 6). Observes the
# app from outside only: X for the window, screenshots for the paint, /proc
# for memory and CPU.
#
#   scripts/startup-time.sh            # 5 runs, builds the release binary first
#   RUNS=9 scripts/startup-time.sh
#   SKIP_BUILD=1 scripts/startup-time.sh
#   OPEN_SAMPLE=1 scripts/startup-time.sh   # open the sample workshop file at start
#
# Needs: Xvfb, xdotool, ImageMagick (import, convert), Mesa's software GL
#   apt-get install -y xvfb xdotool imagemagick libgl1-mesa-dri
#
# Each run starts the app with a fresh, empty data folder and settings
# folder, so every run is a first start with the bundled models only.
#
# The first painted frame: eframe creates the window hidden and maps it right
# after the first frame has been rendered and swapped (eframe 0.37,
# native/epi_integration.rs, post_rendering), so "window mapped" is the moment
# of the first painted frame, give or take one xdotool poll (a few ms). A
# screenshot then confirms that the window shows more than one flat colour;
# "confirmed" is when that screenshot came back, an upper bound. GL is Mesa's
# llvmpipe (software) under Xvfb, so this includes a software renderer's
# set-up.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
BIN=${BIN:-target/release/maturity-workshop}
IDLE_SECONDS=5
WIDTH=1920
HEIGHT=1080

for tool in Xvfb xdotool import convert; do
    command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y xvfb xdotool imagemagick" >&2; exit 2; }
done

if [ -z "${SKIP_BUILD:-}" ]; then
    cargo build --release --quiet
fi
[ -x "$BIN" ] || { echo "no $BIN: run cargo build --release" >&2; exit 2; }

work=$(mktemp -d)
xvfb_pid=""
app_pid=""
cleanup() {
    if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then kill "$app_pid" 2>/dev/null || true; fi
    if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# A display number nobody uses.
display=99
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 "${WIDTH}x${HEIGHT}x24" -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
export DISPLAY=":$display"
for _ in $(seq 100); do xdpyinfo >/dev/null 2>&1 && break; [ -e "/tmp/.X11-unix/X$display" ] && break; sleep 0.05; done
sleep 0.3
# Wayland would be preferred by winit if a compositor were around.
unset WAYLAND_DISPLAY

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Prints 1 when the window's image has more than one colour.
painted() {
    local wid=$1
    import -silent -window "$wid" "$work/shot.miff" 2>/dev/null || { echo 0; return; }
    convert "$work/shot.miff" -format '%[fx:maxima.intensity > minima.intensity ? 1 : 0]' info: 2>/dev/null || echo 0
}

ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

map_times=()
paint_times=()
polls=()
rss=()
hwm=()
anon=()
idle_cpu=()
for run in $(seq "$RUNS"); do
    data="$work/run$run"
    mkdir -p "$data/data" "$data/xdg"
    args=()
    if [ -n "${OPEN_SAMPLE:-}" ]; then
        "$BIN" sample -o "$data/sample.workshop.ron" >/dev/null
        args=("$data/sample.workshop.ron")
    fi
    start=$(now_ms)
    MATURITY_WORKSHOP_DATA_DIR="$data/data" XDG_DATA_HOME="$data/xdg" XDG_CONFIG_HOME="$data/xdg" \
        "$BIN" "${args[@]}" >"$data/app.log" 2>&1 &
    app_pid=$!

    wid=""
    while [ -z "$wid" ]; do
        kill -0 "$app_pid" 2>/dev/null || { echo "the app exited:"; cat "$data/app.log"; exit 1; }
        wid=$(xdotool search --onlyvisible --name "Maturity Workshop" 2>/dev/null | head -n 1 || true)
        [ "$(( $(now_ms) - start ))" -lt 30000 ] || { echo "no window after 30 s" >&2; exit 1; }
    done
    mapped=$(now_ms)

    while :; do
        before=$(now_ms)
        if [ "$(painted "$wid")" = 1 ]; then break; fi
        [ "$(( $(now_ms) - start ))" -lt 30000 ] || { echo "window never painted in 30 s" >&2; exit 1; }
    done
    shot_end=$(now_ms)
    last_poll=$(( shot_end - before ))
    painted_at=$(( shot_end - start ))
    [ "$run" = 1 ] && cp "$work/shot.miff" "$work/first.miff" && convert "$work/first.miff" /tmp/startup-first-frame.png

    # Settled and idle: memory, then CPU used over the idle seconds.
    sleep 2
    rss+=("$(awk '/^VmRSS/ { print $2 }' "/proc/$app_pid/status")")
    hwm+=("$(awk '/^VmHWM/ { print $2 }' "/proc/$app_pid/status")")
    # The app's own memory; the rest is mostly shared libraries (with
    # llvmpipe, some 55 MB of libLLVM).
    anon+=("$(awk '/^RssAnon/ { print $2 }' "/proc/$app_pid/status")")
    t0=$(ticks "$app_pid")
    sleep "$IDLE_SECONDS"
    t1=$(ticks "$app_pid")
    idle_cpu+=("$(( (t1 - t0) * 1000 / hz ))")

    kill "$app_pid"
    wait "$app_pid" 2>/dev/null || true
    app_pid=""

    map_times+=("$(( mapped - start ))")
    paint_times+=("$painted_at")
    polls+=("$last_poll")
    printf 'run %d: first frame painted and window mapped %4d ms, confirmed by screenshot %4d ms (screenshot took %d ms), RSS %d KiB (anonymous %d KiB, peak %d KiB), CPU while idle %d ms in %d s\n' \
        "$run" "$(( mapped - start ))" "$painted_at" "$last_poll" "${rss[-1]}" "${anon[-1]}" "${hwm[-1]}" "${idle_cpu[-1]}" "$IDLE_SECONDS"
done

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

size=$(stat -c %s "$BIN")
strip -o "$work/stripped" "$BIN"
stripped=$(stat -c %s "$work/stripped")

echo
echo "median of $RUNS runs:"
echo "  start-up to first painted frame (window mapped): $(median "${map_times[@]}") ms"
echo "  confirmed painted by a screenshot by:            $(median "${paint_times[@]}") ms (screenshot took $(median "${polls[@]}") ms)"
echo "  resident memory after start-up, idle:           $(median "${rss[@]}") KiB (anonymous $(median "${anon[@]}") KiB, peak $(median "${hwm[@]}") KiB)"
echo "  CPU time used in $IDLE_SECONDS idle seconds:               $(median "${idle_cpu[@]}") ms"
echo "release binary: $size bytes ($(( size / 1024 )) KiB), stripped $stripped bytes ($(( stripped / 1024 )) KiB)"
echo "first painted frame: /tmp/startup-first-frame.png"
