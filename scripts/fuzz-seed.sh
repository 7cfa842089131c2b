#!/usr/bin/env bash
# Seeds fuzz/corpus/ from the files the project already has: the bundled
# models, the model and workshop test corpora, the migration fixtures, and
# for the Markdown import the bundled models exported as Markdown, the
# Markdown seeds and the Markdown test documents.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p fuzz/corpus/model fuzz/corpus/workshop fuzz/corpus/markdown
cp models/*.ron tests/broken-models/*.ron fuzz/corpus/model/
cp tests/broken-workshops/*.ron tests/workshop-files/*.ron fuzz/corpus/workshop/
# Hand-written documents (the seed, the fixture, the broken ones and the
# format's description, whose example is a model), kept apart by folder.
for md in tests/seeds/*.md tests/fixtures/*.md tests/broken-models/*.md models/README.md; do
    cp "$md" "fuzz/corpus/markdown/$(basename "$(dirname "$md")")-$(basename "$md")"
done
bin=target/debug/maturity-workshop
if [ -x "$bin" ]; then
    # The filled-in sample: every field the format has.
    "$bin" sample -o fuzz/corpus/workshop/sample.workshop.ron >/dev/null
    # Every bundled model as the app writes it in Markdown: every field,
    # every escape the export makes.
    for model in models/*.ron; do
        "$bin" export-model-md "$model" -o "fuzz/corpus/markdown/$(basename "$model" .ron).md" >/dev/null
    done
else
    echo "fuzz-seed: $bin not built: the sample workshop and the exported models are left out" >&2
fi
# What a fuzzer once found wrong stays in the corpus, so that the runs start
# from the inputs near a fixed bug.
for target in model workshop markdown; do
    if [ -d "tests/fuzz-regressions/$target" ]; then
        find "tests/fuzz-regressions/$target" -maxdepth 1 -type f -exec cp {} "fuzz/corpus/$target/" \;
    fi
done
