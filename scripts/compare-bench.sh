#!/usr/bin/env bash
# Times `compare` on generated portfolios (issue 13): 100, 1,000 and 10,000
# workshop files (the sample with varied teams, dates and answers, about
# 100 KB each), whole process, with peak memory from /usr/bin/time -v.
# Target: 1,000 files summarised in at most 0.5 s. Needs a release build
# (`cargo build --release`); about 1.1 GB of disk for the 10,000 files.
#
#   scripts/compare-bench.sh            # 100, 1000, 10000 files, 5 runs each
#   COUNTS="1000" RUNS=9 scripts/compare-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."

bin=target/release/maturity-workshop
[ -x "$bin" ] || { echo "compare-bench: build it first: cargo build --release" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "compare-bench: needs GNU time (apt-get install -y time)" >&2; exit 2; }
counts=${COUNTS:-"100 1000 10000"}
runs=${RUNS:-5}
work=${WORK:-$(mktemp -d)}
trap 'rm -rf "$work"' EXIT

echo "compare-bench: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for count in $counts; do
    dir="$work/p$count"
    "$bin" generate-portfolio --count "$count" --teams 30 -o "$dir" >/dev/null
    echo "compare-bench: $count files, $(du -sh "$dir" | cut -f1)"
    # One run to warm the page cache: the figure is the parse, not the disk.
    "$bin" compare "$dir" -o "$work/out.csv" >/dev/null
    for format in csv md pdf; do
        times=()
        peak=0
        for _ in $(seq "$runs"); do
            /usr/bin/time -v "$bin" compare "$dir" -o "$work/out.$format" >/dev/null 2>"$work/time.txt"
            wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$work/time.txt")
            rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")
            # m:ss.ss to seconds.
            seconds=$(awk -F: '{ if (NF == 3) print $1*3600+$2*60+$3; else print $1*60+$2 }' <<<"$wall")
            times+=("$seconds")
            [ "$rss" -gt "$peak" ] && peak=$rss
        done
        median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
        min=$(printf '%s\n' "${times[@]}" | sort -n | head -1)
        max=$(printf '%s\n' "${times[@]}" | sort -n | tail -1)
        echo "compare-bench: $count files -> .$format: median ${median} s (min ${min}, max ${max}, $runs runs), peak RSS $((peak / 1024)) MiB"
    done
    rm -rf "$dir"
done
