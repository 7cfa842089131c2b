#!/usr/bin/env bash
# Checks the sample workshop's roadmap PDF and a generated portfolio's PDF
# (`compare`) with independent tools, at both paper sizes: qpdf finds no
# structural errors or warnings, pdffonts shows every font embedded, and
# pdftotext gives the Greek, Cyrillic and accented text back; then a
# workshop with notes in Chinese, Japanese, Korean, Arabic, Hebrew,
# Devanagari and emoji, whose text must come back too.
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

# Notes in every script the team may write in (issue 10): drawn with the
# machine's fonts (fonts-noto-cjk, fonts-noto-core; .ci/run installs them) or
# the bundled ones, and given back by pdftotext. A script with no font on this
# machine is skipped with a message, except in CI, where it fails.
declare -A notes=(
    [mixed]='デプロイ 배포 نشر परिनियोजन Café-style release reviews happen on Fridays.'
    [Chinese]='中文：团队希望在下一次发布之前实现自动回滚。'
    [Japanese]='日本語：リリース前に自動ロールバックを用意します。'
    [Korean]='한국어: 다음 릴리스 전에 자동 롤백을 준비합니다.'
    [Arabic]='العربية: يريد الفريق التراجع التلقائي قبل الإصدار القادم.'
    [Hebrew]='עברית: הצוות רוצה חזרה אוטומטית לפני השחרור הבא.'
    [Devanagari]='हिन्दी: टीम अगली रिलीज़ से पहले स्वचालित रोलबैक चाहती है।'
    [emoji]='Emoji: 🚀 ship it, ✅ done, 🔥 incident, 👍 agreed, 🐛 bug.'
)
# A character of each script a font must have (fc-list :charset=HEX).
declare -A probes=([mixed]=30c7 [Chinese]=56e2 [Japanese]=30ea [Korean]=b9b4 [Arabic]=639 [Hebrew]=5e2 [Devanagari]=91f [emoji]=1f680)
# Notes with right-to-left words come back in reading order word by word; pdftotext
# wraps each right-to-left run in embedding marks (U+202A-U+202E).
declare -A rtl=([Arabic]=1 [Hebrew]=1 [mixed]=1)

joined=""
for name in "${!notes[@]}"; do joined+="${notes[$name]}\\n\\n"; done
# A character no font has: the export still succeeds and says so.
joined+="Unknown to every font: $(printf '\U0010FFFD') is kept as text.\\n\\n"
sed "s|general_notes: \"|general_notes: \"$joined|" "$work/sample.workshop.ron" >"$work/scripts.workshop.ron"
pdf="$work/scripts.pdf"
cargo run --quiet --locked -- export-pdf "$work/scripts.workshop.ron" -o "$pdf" >/dev/null 2>"$work/warnings" \
    || { cat "$work/warnings" >&2; fail "scripts: export-pdf failed"; }
grep -q 'warning: page [0-9]*: no font draws .* (U+10FFFD)' "$work/warnings" \
    || { cat "$work/warnings" >&2; fail "scripts: the character no font has was not reported"; }
echo "check-pdf: scripts: $(wc -c <"$pdf") bytes; reported: $(grep -c warning "$work/warnings") line(s) with characters no font has"
qpdf --check "$pdf" >/dev/null 2>&1 || fail "scripts: qpdf --check reported problems"
fonts=$(pdffonts "$pdf" | tail -n +3)
not_embedded=$(awk '{ if ($(NF-4) != "yes") print }' <<<"$fonts")
[ -z "$not_embedded" ] || fail "scripts: fonts not embedded: $not_embedded"
echo "check-pdf: scripts: fonts: $(awk '{print $1}' <<<"$fonts" | tr '\n' ' ')"
text=$(pdftotext -enc UTF-8 "$pdf" - | sed 's/\xe2\x80[\xaa-\xae]//g' | tr -s '[:space:]' ' ')
checked=()
for name in "${!notes[@]}"; do
    if [ -z "$(fc-list ":charset=${probes[$name]}" file 2>/dev/null)" ] && [ "$name" != emoji ] \
        && [ "$name" != Arabic ] && [ "$name" != Hebrew ]; then
        [ "${CI:-}" = true ] && fail "scripts: no font for $name on the CI machine (fonts-noto-cjk, fonts-noto-core)"
        echo "check-pdf: scripts: skipped $name: no font on this machine (install fonts-noto-cjk fonts-noto-core)"
        continue
    fi
    note=${notes[$name]}
    if [ -n "${rtl[$name]:-}" ]; then
        for word in $note; do
            word=${word%[.:،,]}
            grep -qF -- "$word" <<<"$text" || fail "scripts: pdftotext did not give back the $name word $word"
        done
    else
        grep -qF -- "$note" <<<"$text" || fail "scripts: pdftotext did not give back the $name note: $note"
    fi
    checked+=("$name")
done
echo "check-pdf: scripts: pdftotext gives back the notes in ${checked[*]}"
echo "check-pdf: OK"
