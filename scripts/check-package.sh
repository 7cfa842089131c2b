#!/usr/bin/env bash
# CI's package check (issue 14): builds the .deb and the tarball
# (scripts/package.sh), then checks them as a distribution would: the
# files are all there, desktop-file-validate, appstreamcli validate and
# lintian (no errors; accepted warnings in packaging/lintian-overrides,
# reasons in docs/packaging.md) pass, the package installs with dpkg -i and
# the installed binary runs from PATH. Removes the package afterwards.
#
# Run by .ci/run as root. Needs: cargo-deb, cargo-about, dpkg-deb,
# desktop-file-utils, appstream, lintian (.ci/run installs them).
# A quick trial from a release build, without the slow licence scan:
#   PROFILE=release SKIP_BUILD=1 SKIP_LICENCES=1 scripts/check-package.sh
set -euo pipefail
cd "$(dirname "$0")/.."

step_start=$(date +%s)
step() { echo "== $1 ($(( $(date +%s) - step_start ))s so far)"; }

if [ -z "${SKIP_LICENCES:-}" ]; then
    step "third-party licences are current"
    scripts/licences.sh --check
fi

step "build the package and the tarball"
scripts/package.sh
version=$("target/${PROFILE:-dist}/maturity-workshop" --version | awk '{ print $2 }')
cargo_version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
[ "$version" = "$cargo_version" ] || { echo "--version says $version, Cargo.toml $cargo_version" >&2; exit 1; }
deb=target/debian/maturity-workshop_${version}_amd64.deb
tarball=target/dist-package/maturity-workshop-$version-x86_64-linux.tar.gz

step "the package holds every file"
id=org.maturity_workshop.MaturityWorkshop
contents=$(dpkg-deb --contents "$deb" | awk '{ print $NF }' | sed 's|^\./|/|')
missing=0
for path in \
    /usr/bin/maturity-workshop \
    "/usr/share/applications/$id.desktop" \
    "/usr/share/metainfo/$id.metainfo.xml" \
    "/usr/share/mime/packages/$id.xml" \
    "/usr/share/icons/hicolor/scalable/apps/$id.svg" \
    "/usr/share/icons/hicolor/48x48/apps/$id.png" \
    "/usr/share/icons/hicolor/128x128/apps/$id.png" \
    "/usr/share/icons/hicolor/256x256/apps/$id.png" \
    /usr/share/man/man1/maturity-workshop.1.gz \
    /usr/share/man/man1/maturity-workshop-export-pdf.1.gz \
    /usr/share/bash-completion/completions/maturity-workshop \
    /usr/share/zsh/vendor-completions/_maturity-workshop \
    /usr/share/fish/vendor_completions.d/maturity-workshop.fish \
    /usr/share/doc/maturity-workshop/copyright \
    /usr/share/doc/maturity-workshop/changelog.gz \
    /usr/share/doc/maturity-workshop/LICENSES-THIRD-PARTY.md \
    /usr/share/doc/maturity-workshop/README.md; do
    grep -qxF "$path" <<<"$contents" || { echo "missing from $deb: $path" >&2; missing=1; }
done
listing=$(tar -tzf "$tarball")
for path in bin/maturity-workshop "share/applications/$id.desktop" share/man/man1/maturity-workshop.1 \
    share/bash-completion/completions/maturity-workshop LICENSE LICENSES-THIRD-PARTY.md README.md install.sh; do
    grep -qxF "maturity-workshop-$version-x86_64-linux/$path" <<<"$listing" \
        || { echo "missing from $tarball: $path" >&2; missing=1; }
done
[ "$missing" = 0 ]
dpkg-deb --field "$deb" Package Version Architecture Depends Recommends

step "desktop entry, AppStream metadata and file type validate"
unpacked=$(mktemp -d)
trap 'rm -rf "$unpacked"' EXIT
dpkg-deb --extract "$deb" "$unpacked"
desktop-file-validate "$unpacked/usr/share/applications/$id.desktop"
# --no-net: CI reaches no web site; the screenshot addresses are not fetched.
appstreamcli validate --no-net --explain "$unpacked/usr/share/metainfo/$id.metainfo.xml"
grep -q "MimeType=application/x-maturity-workshop;" "$unpacked/usr/share/applications/$id.desktop"
grep -q 'glob pattern="\*.workshop.ron"' "$unpacked/usr/share/mime/packages/$id.xml"

step "lintian: no errors"
# Warnings are printed and accepted ones overridden with a reason
# (packaging/lintian-overrides); an error fails.
lintian --fail-on error --display-info --tag-display-limit 0 "$deb"

step "install with dpkg -i and run from PATH"
if ! dpkg -i "$deb"; then
    # Libraries not on this machine yet: let apt bring what Depends names.
    DEBIAN_FRONTEND=noninteractive apt-get install -f -y -qq --no-install-recommends >/dev/null
fi
dpkg -s maturity-workshop | grep -q "^Status: install ok installed"
cleanup_package() { dpkg -r maturity-workshop >/dev/null || true; rm -rf "$unpacked"; }
trap cleanup_package EXIT
work=$(mktemp -d)
installed_version=$(cd "$work" && maturity-workshop --version)
[ "$installed_version" = "maturity-workshop $version" ] || { echo "installed --version: $installed_version" >&2; exit 1; }
(cd "$work" && maturity-workshop sample -o x.workshop.ron && maturity-workshop export-pdf x.workshop.ron -o x.pdf)
[ "$(head -c 5 "$work/x.pdf")" = "%PDF-" ] || { echo "export-pdf did not write a PDF" >&2; exit 1; }
MANPATH=/usr/share/man man -w maturity-workshop >/dev/null 2>&1 || [ -f /usr/share/man/man1/maturity-workshop.1.gz ]
rm -rf "$work"
echo "package check passed in $(( $(date +%s) - step_start ))s"
