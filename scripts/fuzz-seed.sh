#!/usr/bin/env bash
# Seeds fuzz/corpus/ from the files the project already has: the bundled
# models, the model and workshop test corpora, and the migration fixtures.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p fuzz/corpus/model fuzz/corpus/workshop
cp models/*.ron tests/broken-models/*.ron fuzz/corpus/model/
cp tests/broken-workshops/*.ron tests/workshop-files/*.ron fuzz/corpus/workshop/
# The filled-in sample: every field the format has.
if [ -x target/debug/maturity-workshop ]; then
    target/debug/maturity-workshop sample -o fuzz/corpus/workshop/sample.workshop.ron >/dev/null
fi
