#!/usr/bin/env bash
# Runs every fuzz target in fuzz/ for SECONDS seconds each (default 60),
# one at a time on one core, from a corpus (fuzz/corpus/, not committed, seeded
# from the bundled models, the sample and the test files). Skips, saying
# why, when the nightly toolchain or cargo-fuzz is missing. A crash fails
# the run and leaves its input in fuzz/artifacts/TARGET/: add it to
# tests/fuzz-regressions/ (see FUZZING.md).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    echo "fuzz: skipped: no nightly toolchain (rustup toolchain install nightly)"
    exit 0
fi
if ! cargo +nightly fuzz --help >/dev/null 2>&1; then
    echo "fuzz: skipped: cargo-fuzz is not installed (cargo install cargo-fuzz --locked)"
    exit 0
fi

bash scripts/fuzz-seed.sh
cd fuzz
for target in $(cargo +nightly fuzz list); do
    echo "fuzz: $target for ${seconds}s"
    mkdir -p "corpus/$target"
    # The corpus grows in a scratch copy: the committed one stays as it is.
    work="$(mktemp -d)"
    cp -r "corpus/$target/." "$work/"
    # A target's dictionary (the words its format gives a meaning to), if
    # it has one.
    dict=()
    if [ -f "dict/$target.dict" ]; then dict=("-dict=dict/$target.dict"); fi
    # Without a sanitizer: safe Rust gains little from AddressSanitizer, and
    # the build and the runs are several times faster, which a bounded CI
    # run needs. The long runs in FUZZING.md use the default (address).
    cargo +nightly fuzz run --sanitizer none "$target" "$work" -- \
        -max_total_time="$seconds" -jobs=1 -workers=1 -max_len=65536 -rss_limit_mb=2048 -print_final_stats=1 \
        "${dict[@]}"
    rm -rf "$work"
done
