#!/usr/bin/env bash
# The man pages and bash, zsh and fish completions, generated from the
# command line's clap definitions by examples/gen-docs.rs, into
# target/dist-assets/ (where the package and the tarball take them from).
#
#   scripts/gen-docs.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-target/dist-assets}
rm -rf "$out/man" "$out/completions"
cargo run --quiet --locked --example gen-docs -- "$out"
