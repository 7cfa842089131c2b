#!/usr/bin/env bash
# Builds what a facilitator installs: the Debian package
# (target/debian/maturity-workshop_VERSION_amd64.deb) and a portable
# tarball (target/dist-package/maturity-workshop-VERSION-x86_64-linux.tar.gz),
# both from the `dist` profile (LTO, stripped), and prints their sizes.
#
#   scripts/package.sh
#   SKIP_BUILD=1 scripts/package.sh     # reuse target/dist/maturity-workshop
#   PROFILE=release SKIP_BUILD=1 scripts/package.sh   # a quick trial from a release build
#
# Needs: cargo install --locked cargo-deb --version 3.8.0
# The first build of the dist profile takes several minutes on 2 cores
# (link-time optimisation over every crate).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v cargo-deb >/dev/null || { echo "missing cargo-deb: cargo install --locked cargo-deb --version 3.8.0" >&2; exit 2; }
[ -f LICENSES-THIRD-PARTY.md ] || { echo "missing LICENSES-THIRD-PARTY.md: run scripts/licences.sh" >&2; exit 2; }

# The man pages and completions, from the clap definitions.
scripts/gen-docs.sh target/dist-assets >/dev/null

profile=${PROFILE:-dist}
if [ -z "${SKIP_BUILD:-}" ]; then
    cargo build --locked --profile "$profile" --bin maturity-workshop
fi
bin=target/$profile/maturity-workshop
[ -x "$bin" ] || { echo "no $bin: run cargo build --profile $profile" >&2; exit 2; }
version=$("$bin" --version | awk '{ print $2 }')

# Debian's changelog (lintian requires one): this version, dated as in
# CHANGELOG.md (today while it is unreleased), pointing at CHANGELOG.md.
released=$(sed -n "s/^## \[\{0,1\}$version\]\{0,1\} - \([0-9-]*\).*/\1/p" CHANGELOG.md | head -n 1)
stamp=$(LC_ALL=C date -u -R -d "${released:-now}")
maintainer=$(sed -n 's/^maintainer = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
cat >target/dist-assets/changelog <<CHANGES
maturity-workshop ($version) stable; urgency=medium

  * Release $version. The changes are listed in
    /usr/share/doc/maturity-workshop/CHANGELOG.md.

 -- $maintainer  $stamp
CHANGES
gzip -9nf target/dist-assets/changelog

# cargo deb takes its settings from [package.metadata.deb] in Cargo.toml.
rm -f target/debian/maturity-workshop_*.deb
cargo deb --locked --no-build --profile "$profile" >/dev/null
deb=target/debian/maturity-workshop_${version}_amd64.deb
[ -f "$deb" ] || { echo "cargo deb did not write $deb:" >&2; ls target/debian >&2; exit 1; }

# The tarball: the same files, laid out like a prefix (bin/, share/), with
# a script that copies them to ~/.local (or PREFIX) and needs no root.
name=maturity-workshop-$version-x86_64-linux
stage=target/dist-package/$name
rm -rf "$stage" "target/dist-package/$name.tar.gz"
id=org.maturity_workshop.MaturityWorkshop
install -D -m 755 "$bin" "$stage/bin/maturity-workshop"
install -D -m 644 "packaging/$id.desktop" "$stage/share/applications/$id.desktop"
install -D -m 644 "packaging/$id.metainfo.xml" "$stage/share/metainfo/$id.metainfo.xml"
install -D -m 644 "packaging/$id.xml" "$stage/share/mime/packages/$id.xml"
(cd assets/icons && find hicolor -type f) | while read -r icon; do
    install -D -m 644 "assets/icons/$icon" "$stage/share/icons/$icon"
done
for page in target/dist-assets/man/*.1; do
    install -D -m 644 "$page" "$stage/share/man/man1/$(basename "$page")"
done
install -D -m 644 target/dist-assets/completions/maturity-workshop.bash "$stage/share/bash-completion/completions/maturity-workshop"
install -D -m 644 target/dist-assets/completions/_maturity-workshop "$stage/share/zsh/site-functions/_maturity-workshop"
install -D -m 644 target/dist-assets/completions/maturity-workshop.fish "$stage/share/fish/vendor_completions.d/maturity-workshop.fish"
install -m 644 README.md CHANGELOG.md LICENSE LICENSES-THIRD-PARTY.md "$stage/"
install -m 644 assets/fonts/LICENSE-*.txt "$stage/"
install -m 755 packaging/install-tarball.sh "$stage/install.sh"
# Reproducible: fixed owner, order and times.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@${SOURCE_DATE_EPOCH:-0}" \
    -C target/dist-package -czf "target/dist-package/$name.tar.gz" "$name"
tarball=target/dist-package/$name.tar.gz

size() { printf '%s: %s bytes (%s KiB)\n' "$1" "$(stat -c %s "$1")" "$(( $(stat -c %s "$1") / 1024 ))"; }
size "$bin"
size "$deb"
size "$tarball"
