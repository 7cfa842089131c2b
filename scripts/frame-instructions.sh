#!/usr/bin/env bash
# Instructions per frame on each screen, counted by callgrind: unlike wall
# time, the count hardly moves with other load on the machine, so it is the
# figure to compare before and after a change (BENCHMARKS.md).
#
#   scripts/frame-instructions.sh            # 20 measured frames per screen
#   FRAMES=50 scripts/frame-instructions.sh
#   callgrind_annotate --inclusive=yes target/callgrind/frame-roadmap.out | head -60
#
# Needs valgrind (apt-get install -y valgrind). Only the measured frames are
# counted (--toggle-collect on Bench::frame); the warm-up frames are not.
set -euo pipefail
cd "$(dirname "$0")/.."

FRAMES=${FRAMES:-20}
command -v valgrind >/dev/null || { echo "missing valgrind: apt-get install -y valgrind" >&2; exit 2; }

bench=$(cargo bench --bench frame --no-run --message-format=json 2>/dev/null |
    sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | grep '/frame-' | tail -n 1)
[ -x "$bench" ] || { echo "could not build the frame benchmark" >&2; exit 1; }
mkdir -p target/callgrind

pids=()
for screen in walkthrough summary roadmap audience_walkthrough audience_summary audience_roadmap; do
    FRAME_BENCH_FRAMES=$FRAMES FRAME_BENCH_SCREEN=$screen valgrind --tool=callgrind \
        --callgrind-out-file="target/callgrind/frame-$screen.out" --collect-atstart=no \
        '--toggle-collect=*Bench::frame' "$bench" >"target/callgrind/frame-$screen.log" 2>&1 &
    pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done

for screen in walkthrough summary roadmap audience_walkthrough audience_summary audience_roadmap; do
    total=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "target/callgrind/frame-$screen.log")
    awk -v s="$screen" -v t="$total" -v n="$FRAMES" \
        'BEGIN { printf "%-12s %6.2f M instructions per frame (%d frames)\n", s, t / n / 1e6, n }'
done
echo "profiles: target/callgrind/frame-*.out (callgrind_annotate --inclusive=yes FILE)"
