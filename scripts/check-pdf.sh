#!/usr/bin/env bash
# Checks the sample workshop's roadmap PDF and a generated portfolio's PDF
# (`compare`) with independent tools, at both paper sizes: qpdf finds no
# structural errors or warnings, pdffonts shows every font embedded, and
# pdftotext gives the Greek, Cyrillic and accented text back.
# Needs poppler-utils and qpdf. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in qpdf pdffonts pdftotext; do
    command -v "$tool" >/dev/null || { echo "check-pdf: $tool is not installed (poppler-utils, qpdf)" >&2; exit 2; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mw() {
    cargo run --quiet --locked -- "$@"
}

fail() {
    echo "check-pdf: FAIL: $*" >&2
    exit 1
}

mw sample -o "$work/sample.workshop.ron" >/dev/null

greek='Η ομάδα θέλει αυτοματοποιημένη επαναφορά πριν από την επόμενη κυκλοφορία.'
cyrillic='Команда согласна: откат должен занимать не больше пяти минут.'
accented='Café-style release reviews happen on Fridays; the façade service is the exception.'

# check_pdf LABEL PDF TEXT...: structure, fonts, and each TEXT extracted.
check_pdf() {
    local label=$1 pdf=$2
    shift 2
    echo "check-pdf: $label: $(wc -c <"$pdf") bytes"

    # qpdf exits 0 when clean, 3 on warnings, 2 on errors; warnings fail too.
    if ! qpdf_out=$(qpdf --check "$pdf" 2>&1); then
        echo "$qpdf_out" >&2
        fail "$label: qpdf --check reported errors or warnings"
    fi
    if grep -qi 'warning\|error:' <<<"$qpdf_out"; then
        echo "$qpdf_out" >&2
        fail "$label: qpdf --check reported problems"
    fi
    echo "check-pdf: $label: qpdf --check: no errors or warnings"

    fonts=$(pdffonts "$pdf")
    # Rows after the two header lines; column 'emb' is the fifth from the end.
    rows=$(tail -n +3 <<<"$fonts")
    [ -n "$rows" ] || fail "$label: pdffonts lists no fonts"
    not_embedded=$(awk '{ if ($(NF-4) != "yes") print }' <<<"$rows")
    if [ -n "$not_embedded" ]; then
        echo "$fonts" >&2
        fail "$label: fonts not embedded: $not_embedded"
    fi
    echo "check-pdf: $label: pdffonts: $(wc -l <<<"$rows") fonts, all embedded"

    # pdftotext puts wrapped lines on separate lines; compare with
    # whitespace squeezed.
    text=$(pdftotext -enc UTF-8 "$pdf" - | tr -s '[:space:]' ' ')
    for needle in "$@"; do
        grep -qF -- "$needle" <<<"$text" || fail "$label: pdftotext did not give back: $needle"
    done
    echo "check-pdf: $label: pdftotext: $# texts come back verbatim"
}

mw generate-portfolio --count 40 --teams 10 -o "$work/portfolio" >/dev/null

for paper in a4 letter; do
    pdf="$work/roadmap-$paper.pdf"
    mw export-pdf "$work/sample.workshop.ron" -o "$pdf" --paper "$paper" >/dev/null
    check_pdf "roadmap $paper" "$pdf" "$greek" "$cyrillic" "$accented"

    pdf="$work/portfolio-$paper.pdf"
    mw compare "$work/portfolio" -o "$pdf" --paper "$paper" >/dev/null
    check_pdf "portfolio $paper" "$pdf" "Deployment maturity across teams" "Логистика" "Équipe Facturation" \
        "Search & Discovery" "Common gaps"
done
echo "check-pdf: OK"
