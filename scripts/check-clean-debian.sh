#!/usr/bin/env bash
# Installs the .deb on a clean Debian 12 (bookworm) made with debootstrap,
# and checks that Depends brings everything the app needs: the installed
# app opens a window (on the host's Xvfb, whose socket is shared with the
# chroot) and `sample` and `export-pdf` work from PATH. Not part of CI (it
# downloads a Debian system, some 200 MB); run once per change of Depends,
# and record the result in docs/packaging.md.
#
#   scripts/check-clean-debian.sh target/debian/maturity-workshop_0.1.0_amd64.deb
#   ROOT=/tmp/bookworm scripts/check-clean-debian.sh DEB   # reuse a debootstrapped system
#
# Needs root, debootstrap, Xvfb and xdotool on the host.
set -euo pipefail

deb=$(realpath "$1")
root=${ROOT:-$(mktemp -d /tmp/bookworm.XXXXXX)}
if [ ! -x "$root/usr/bin/apt-get" ]; then
    # minbase: essential packages and apt only, so nothing the app needs
    # is there by chance.
    debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian
    printf '%s\n' "deb http://deb.debian.org/debian bookworm main" \
        "deb http://deb.debian.org/debian bookworm-updates main" \
        "deb http://deb.debian.org/debian-security bookworm-security main" >"$root/etc/apt/sources.list"
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"

display=${CHECK_DISPLAY:-}
xvfb_pid=""
cleanup() {
    for mount in tmp/.X11-unix sys dev proc; do
        mountpoint -q "$root/$mount" && umount "$root/$mount"
    done
    if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT
for mount in proc dev sys; do mountpoint -q "$root/$mount" || mount --bind "/$mount" "$root/$mount"; done
mkdir -p "$root/tmp/.X11-unix"
mountpoint -q "$root/tmp/.X11-unix" || mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
if [ -z "$display" ]; then
    display=99
    while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
    Xvfb ":$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb_pid=$!
    for _ in $(seq 100); do DISPLAY=":$display" xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
fi

in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

cp "$deb" "$root/tmp/"
name=$(basename "$deb")
echo "== before: $(in_root dpkg-query -W -f '${Package}\n' | wc -l) packages installed"
in_root apt-get update -qq
echo "== dpkg -i $name (fails on the missing libraries), then apt-get -f install"
in_root dpkg -i "/tmp/$name" || true
# Depends only: Recommends are left out, so only what Depends names arrives.
in_root env DEBIAN_FRONTEND=noninteractive apt-get -f install -y -qq --no-install-recommends >/dev/null
in_root dpkg-query -W -f '${Status}\n' maturity-workshop | grep -qx "install ok installed"
echo "== after: $(in_root dpkg-query -W -f '${Package}\n' | wc -l) packages installed"

echo "== from PATH: --version, sample, export-pdf"
in_root sh -c 'cd /tmp && maturity-workshop --version && maturity-workshop sample -o x.workshop.ron && maturity-workshop export-pdf x.workshop.ron -o x.pdf && head -c 5 x.pdf && echo'

echo "== the app opens a window on :$display"
in_root sh -c "cd /tmp && DISPLAY=:$display MATURITY_WORKSHOP_DATA_DIR=/tmp/data XDG_DATA_HOME=/tmp/xdg maturity-workshop x.workshop.ron >/tmp/app.log 2>&1 & echo \$! >/tmp/app.pid"
wid=""
for _ in $(seq 300); do
    wid=$(DISPLAY=":$display" xdotool search --onlyvisible --name "Maturity Workshop" 2>/dev/null | head -n 1 || true)
    [ -n "$wid" ] && break
    sleep 0.1
done
sleep 2
shot=${SHOT:-/tmp/clean-debian-window.png}
if [ -n "$wid" ]; then
    DISPLAY=":$display" import -silent -window "$wid" "$shot" 2>/dev/null || true
    echo "window $(DISPLAY=":$display" xdotool getwindowname "$wid"); screenshot: $shot"
fi
pid=$(cat "$root/tmp/app.pid")
kill "$pid" 2>/dev/null || true
sleep 1
echo "-- app log:"; cat "$root/tmp/app.log"
[ -n "$wid" ] || { echo "no window: the installed app did not open one" >&2; exit 1; }
echo "clean Debian 12 check passed"
