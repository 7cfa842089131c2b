#!/usr/bin/env bash
# Runs the criterion benchmarks and prints each median beside its target
# from issue 6 (see BENCHMARKS.md), then the machine it ran on.
#
#   scripts/bench-report.sh              # cargo bench, then the table
#   REPORT_ONLY=1 scripts/bench-report.sh  # the table from the last run
#
# Criterion's median is the median over samples of the mean time per
# iteration within each sample; target/criterion/*/new/estimates.json.
set -euo pipefail
cd "$(dirname "$0")/.."

log=target/bench-report.log
if [ -z "${REPORT_ONLY:-}" ]; then
    mkdir -p target
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >"$log"
    cargo bench --bench frame --bench export 2>&1 | tee -a "$log" | grep -E '^[a-z_/0-9]+ +time:|^[a-z_/0-9]+$|time: |sample|first_in_process|warning' || true
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$log"
fi

# Median in nanoseconds of one criterion benchmark.
median_ns() {
    local file="target/criterion/$1/new/estimates.json"
    [ -f "$file" ] || { echo "-"; return; }
    sed -E 's/.*"median":\{"confidence_interval":\{[^}]*\},"point_estimate":([0-9.eE+-]+).*/\1/' "$file"
}

# name, criterion id, target in ms ("" for none)
rows=(
    "frame: walk-through (largest model)|frame_1920x1080/walkthrough|0.5"
    "frame: summary|frame_1920x1080/summary|0.5"
    "frame: roadmap|frame_1920x1080/roadmap|0.5"
    "audience window: walk-through|frame_1920x1080/audience_walkthrough|0.3"
    "audience window: summary|frame_1920x1080/audience_summary|0.3"
    "audience window: roadmap|frame_1920x1080/audience_roadmap|0.3"
    "audience window: roadmap in Arabic and Hebrew|frame_1920x1080/audience_roadmap_rtl|0.3"
    "PDF export, sample, A4|export/pdf_a4_sample|50"
    "Markdown export, sample|export/markdown_sample|"
    "all bundled models parsed + validated|models/parse_and_validate_all_bundled|2"
    "sample workshop: parse from text|workshop/parse_from_text|5"
    "sample workshop: to text|workshop/to_text|5"
    "sample workshop: read file (open)|workshop/read_file|5"
    "sample workshop: write file (save)|workshop/write_file|5"
    "  save, part: text + read-back check|workshop/write_file_text_checked|"
    "  save, part: atomic write + FILE.bak|workshop/write_file_disk_with_backup|"
    "  save, part: atomic write, no backup|workshop/write_file_disk_without_backup|"
)

printf '%-42s %12s %10s  %s\n' "benchmark" "median" "target" ""
for row in "${rows[@]}"; do
    IFS='|' read -r name id target <<<"$row"
    ns=$(median_ns "$id")
    if [ "$ns" = "-" ]; then
        printf '%-42s %12s\n' "$name" "not run"
        continue
    fi
    read -r shown verdict < <(awk -v ns="$ns" -v target="$target" 'BEGIN {
        ms = ns / 1e6
        shown = (ms < 1) ? sprintf("%.0f us", ns / 1e3) : sprintf("%.2f ms", ms)
        gsub(" ", "_", shown)
        verdict = (target == "") ? "" : ((ms <= target) ? "meets" : "MISSES")
        print shown, verdict
    }')
    printf '%-42s %12s %10s  %s\n' "$name" "${shown//_/ }" "${target:+≤ $target ms}" "$verdict"
done
if [ -f "$log" ]; then
    grep -E 'first_in_process|export sizes|workshop file:' "$log" | sed 's/^/  /' || true
    grep -E '^load average' "$log" | sed 's/^/  /' || true
fi
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo); commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src benches Cargo.toml || echo ' (with uncommitted changes)')"
