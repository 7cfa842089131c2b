#!/usr/bin/env bash
# LICENSES-THIRD-PARTY.md: every crate built into the shipped binary and
# the full text of each licence, from cargo-about (packaging/about.toml,
# packaging/about.hbs). Run after adding or updating a dependency.
#
#   scripts/licences.sh            # rewrites LICENSES-THIRD-PARTY.md
#   scripts/licences.sh --check    # exit 1 if the committed file is stale
#
# Needs: cargo install --locked cargo-about --version 0.9.3 --features cli
set -euo pipefail
cd "$(dirname "$0")/.."

command -v cargo-about >/dev/null || {
    echo "missing cargo-about: cargo install --locked cargo-about --version 0.9.3 --features cli" >&2
    exit 2
}
fresh=$(mktemp)
trap 'rm -f "$fresh"' EXIT
cargo about generate --locked --offline --fail -c packaging/about.toml packaging/about.hbs -o "$fresh" 2>"$fresh.log" || {
    cat "$fresh.log" >&2
    rm -f "$fresh.log"
    exit 1
}
rm -f "$fresh.log"
if [ "${1:-}" = --check ]; then
    if ! cmp -s "$fresh" LICENSES-THIRD-PARTY.md; then
        echo "LICENSES-THIRD-PARTY.md is out of date: run scripts/licences.sh and commit it" >&2
        diff -u LICENSES-THIRD-PARTY.md "$fresh" | head -40 >&2 || true
        exit 1
    fi
    echo "LICENSES-THIRD-PARTY.md is current"
else
    cp "$fresh" LICENSES-THIRD-PARTY.md
    echo "LICENSES-THIRD-PARTY.md: $(grep -c '^- ' LICENSES-THIRD-PARTY.md) entries"
fi
