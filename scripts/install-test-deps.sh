#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian machine: Prosody and ejabberd (real XMPP servers for the
# end-to-end tests), Chromium and Firefox ESR (browser tests), Dino and what runs it headless, Node and npm (the
# browser drivers, then npm ci in test-harness/js), Maven and the JDK. Safe to run again: it installs only what is
# missing.
set -euo pipefail

need_apt=()
command -v prosody >/dev/null 2>&1 || need_apt+=(prosody)
# ejabberd (Debian 23.01): EjabberdServer runs its own node per test class (own name, cookie and distribution
# port, no epmd), so a system-wide ejabberd the package may start is left alone.
[ -x /usr/sbin/ejabberdctl ] || need_apt+=(ejabberd)
# Chromium: the browser test proves Chromium accepts the SDP the mapper makes (test-harness/js/check-sdp.mjs)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v firefox-esr >/dev/null 2>&1 || need_apt+=(firefox-esr)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
command -v mvn >/dev/null 2>&1 || need_apt+=(maven)
command -v java >/dev/null 2>&1 || need_apt+=(openjdk-17-jdk-headless)
# Dino (DinoCallIT, docs/testing.md "Dino in CI"): the desktop client, its screen (Xvfb), sound (PulseAudio null
# devices, GStreamer's pulse, Opus and VP8 elements), D-Bus for its session bus, xdotool to click it and ImageMagick's
# import to look at it, its own network namespace (unshare/nsenter, ip, socat), its database (sqlite3) and the test
# CA (openssl). Without recommends: dino-im recommends network-manager, which has no business on a test machine.
need_dino=()
command -v dino-im >/dev/null 2>&1 || need_dino+=(dino-im)
command -v dbus-run-session >/dev/null 2>&1 || need_dino+=(dbus)
command -v Xvfb >/dev/null 2>&1 || need_dino+=(xvfb)
command -v pulseaudio >/dev/null 2>&1 || need_dino+=(pulseaudio)
dpkg -s gstreamer1.0-pulseaudio >/dev/null 2>&1 || need_dino+=(gstreamer1.0-pulseaudio)
dpkg -s gstreamer1.0-plugins-good >/dev/null 2>&1 || need_dino+=(gstreamer1.0-plugins-good)
command -v xdotool >/dev/null 2>&1 || need_dino+=(xdotool)
[ -x /usr/bin/import ] || need_dino+=(imagemagick)
command -v socat >/dev/null 2>&1 || need_dino+=(socat)
command -v sqlite3 >/dev/null 2>&1 || need_dino+=(sqlite3)
command -v openssl >/dev/null 2>&1 || need_dino+=(openssl)
command -v ip >/dev/null 2>&1 || need_dino+=(iproute2)
command -v nsenter >/dev/null 2>&1 || need_dino+=(util-linux)
# Dino trusts only the test CA: bind-mounted over this file inside its namespace, so the file must exist
[ -e /etc/ssl/certs/ca-certificates.crt ] || need_dino+=(ca-certificates)

if [ ${#need_apt[@]} -gt 0 ]; then
  echo "install-test-deps: installing ${need_apt[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if [ ${#need_dino[@]} -gt 0 ]; then
  echo "install-test-deps: installing ${need_dino[*]} with apt-get (no recommends)"
  export DEBIAN_FRONTEND=noninteractive
  [ ${#need_apt[@]} -gt 0 ] || apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_dino[@]}" >/dev/null
fi
# Debian's package may start a system-wide Prosody on the default ports. It is not ours to stop: the tests start
# their own Prosody and ejabberd on free loopback ports, and scripts/quickstart.sh moves to free ports too.
if pgrep -f '/usr/bin/prosody' >/dev/null 2>&1; then
  echo "install-test-deps: a Prosody is running on this machine (e.g. the system service); it is left alone:"\
    "the tests use their own servers on free ports"
fi
# npm packages of the browser tooling (playwright-core drives Debian's Chromium; nothing downloads a browser)
js="$(dirname "$0")/../test-harness/js"
if [ ! -d "$js/node_modules" ] || [ "$js/package-lock.json" -nt "$js/node_modules/.package-lock.json" ]; then
  echo "install-test-deps: npm ci in test-harness/js"
  (cd "$js" && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "install-test-deps: ok (prosody $(cat /usr/lib/prosody/prosody.version 2>/dev/null || echo '?'),"\
  "ejabberd $(dpkg-query -W -f='${Version}' ejabberd 2>/dev/null || echo '?'))"
