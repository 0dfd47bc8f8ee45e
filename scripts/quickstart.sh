#!/usr/bin/env bash
# Quickstart: a local Prosody (installed with apt where missing) and the gateway registered with it.
#   bash scripts/quickstart.sh        start both (again: restarts the gateway, keeps Prosody and its data)
#   bash scripts/quickstart.sh stop   stop both
# Everything lives in .quickstart/ (git-ignored; QS_DIR moves it); everything listens on 127.0.0.1 only.
# It stops only what it started: the processes whose pids it wrote to .quickstart/*.pid (checked against their
# command line first). Another Prosody on the machine (e.g. Debian's system service) is never stopped: where it
# holds a default port, the quickstart takes the next free one and says so.
# Ports: QS_C2S_PORT (5222), QS_COMPONENT_PORT (5347), QS_PROSODY_HTTP_PORT (5280), QS_GATEWAY_HTTP_PORT (8080).
# A port given that way is used as it is: if something else holds it, the quickstart says so and exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."
QS="${QS_DIR:-$PWD/.quickstart}"
DOMAIN=gw.localhost
JAR=component/target/jingle-gateway.jar

say() { echo "quickstart: $*"; }
fail() { echo "quickstart: $*" >&2; exit 1; }

# true when the pid in file $1 is alive and its command line holds $2 (so a reused pid is never taken for ours)
ours() {
  local pid
  pid=$(cat "$1" 2>/dev/null || true)
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$2"
}

# stops the process of pid file $1 if it is ours (marker $2), then forgets the file
stop_pidfile() {
  local f=$1 marker=$2 name pid
  name=$(basename "$f" .pid)
  if ours "$f" "$marker"; then
    pid=$(cat "$f")
    kill "$pid"
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
    say "stopped $name (pid $pid)"
  fi
  rm -f "$f"
}

PROSODY_MARK="$QS/prosody.cfg.lua"
GATEWAY_MARK="-Djinglegateway.quickstart=$QS"

if [ "${1:-}" = "stop" ]; then
  stop_pidfile "$QS/gateway.pid" "$GATEWAY_MARK"
  stop_pidfile "$QS/prosody.pid" "$PROSODY_MARK"
  exit 0
fi
[ -z "${1:-}" ] || fail "unknown argument \"$1\": use no argument to start, or stop"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

CHOSEN=" "
# pick_port NAME DEFAULT VAR: the port in environment variable VAR as it is, else DEFAULT or the next free one
pick_port() {
  local name=$1 default=$2 var=$3 given p
  given=${!var:-}
  if [ -n "$given" ]; then
    port_busy "$given" && fail "port $given on 127.0.0.1 ($name, $var) is in use by another program; free it or set $var to a free port"
    p=$given
  else
    p=$default
    while port_busy "$p" || [[ "$CHOSEN" == *" $p "* ]]; do
      p=$((p + 1))
      [ "$p" -lt $((default + 100)) ] || fail "no free port for $name between $default and $((default + 99)); set $var"
    done
    # stderr: stdout is the port number this function returns
    [ "$p" = "$default" ] || say "port $default ($name) is in use by another program; using $p" >&2
  fi
  echo "$p"
}

if ! command -v prosody >/dev/null 2>&1; then
  say "installing Prosody with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq prosody >/dev/null
fi

mkdir -p "$QS/data" "$QS/certs"
# the component secret: random, made once, readable by this user only (the gateway has no default secret)
if [ ! -s "$QS/secret" ]; then
  (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$QS/secret")
fi
SECRET=$(cat "$QS/secret")

if ours "$QS/prosody.pid" "$PROSODY_MARK" && [ -f "$QS/ports.env" ]; then
  # our Prosody is up: keep its ports
  # shellcheck disable=SC1091
  . "$QS/ports.env"
  PROSODY_RUNNING=1
else
  rm -f "$QS/prosody.pid"
  PROSODY_RUNNING=0
  C2S_PORT=$(pick_port "Prosody c2s" 5222 QS_C2S_PORT)
  CHOSEN="$CHOSEN$C2S_PORT "
  COMPONENT_PORT=$(pick_port "Prosody component" 5347 QS_COMPONENT_PORT)
  CHOSEN="$CHOSEN$COMPONENT_PORT "
  PROSODY_HTTP_PORT=$(pick_port "Prosody HTTP" 5280 QS_PROSODY_HTTP_PORT)
  CHOSEN="$CHOSEN$PROSODY_HTTP_PORT "
  printf 'C2S_PORT=%s\nCOMPONENT_PORT=%s\nPROSODY_HTTP_PORT=%s\n' "$C2S_PORT" "$COMPONENT_PORT" \
    "$PROSODY_HTTP_PORT" > "$QS/ports.env"
fi

cat > "$QS/prosody.cfg.lua" <<LUA
-- Written by scripts/quickstart.sh: a loopback-only Prosody for trying jingle-gateway.
run_as_root = true
data_path = "$QS/data"
certificates = "$QS/certs"
interfaces = { "127.0.0.1" }
local_interfaces = { "127.0.0.1" }
c2s_ports = { $C2S_PORT }
component_ports = { $COMPONENT_PORT }
component_interfaces = { "127.0.0.1" }
http_ports = { $PROSODY_HTTP_PORT }
http_interfaces = { "127.0.0.1" }
https_ports = { }
c2s_direct_tls_ports = { }
legacy_ssl_ports = { }
s2s_ports = { }
s2s_auth_certs = false
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
authentication = "internal_plain"
modules_enabled = { "roster"; "saslauth"; "disco"; "ping"; "posix"; "presence"; "carbons"; "websocket"; "bosh"; "http"; "http_files" }
-- the StanzaJS web client (test-harness/js/stanza-client) at http://127.0.0.1:$PROSODY_HTTP_PORT/files/
http_files_dir = "$PWD/test-harness/js/stanza-client"
-- requests to 127.0.0.1 name no virtual host: serve them as localhost's
http_default_host = "localhost"
modules_disabled = { "s2s"; "tls" }
network_settings = { nagle = false }
log = { { levels = { min = "info" }, to = "file", filename = "$QS/prosody.log" } }
VirtualHost "localhost"
Component "$DOMAIN"
  component_secret = "$SECRET"
LUA

if [ ! -f "$QS/users.txt" ]; then
  : > "$QS/users.txt"
  chmod 600 "$QS/users.txt"
  for u in alice bob; do
    pw=$(head -c 9 /dev/urandom | base64 | tr -d '/+=')
    prosodyctl --config "$QS/prosody.cfg.lua" register "$u" localhost "$pw"
    echo "$u@localhost $pw" >> "$QS/users.txt"
  done
fi

if [ "$PROSODY_RUNNING" = 0 ]; then
  setsid prosody --config "$QS/prosody.cfg.lua" -F >> "$QS/prosody.out" 2>&1 &
  # without job control, setsid does not fork: $! is Prosody's own pid
  echo $! > "$QS/prosody.pid"
  for _ in $(seq 1 100); do
    port_busy "$COMPONENT_PORT" && break
    ours "$QS/prosody.pid" "$PROSODY_MARK" || break
    sleep 0.1
  done
  if ! port_busy "$COMPONENT_PORT"; then
    echo "quickstart: Prosody did not start; its log ($QS/prosody.log):" >&2
    tail -20 "$QS/prosody.log" >&2 || true
    stop_pidfile "$QS/prosody.pid" "$PROSODY_MARK" >&2
    exit 1
  fi
  say "Prosody is up (c2s 127.0.0.1:$C2S_PORT, component port $COMPONENT_PORT, pid $(cat "$QS/prosody.pid"))"
fi

# the StanzaJS client page (the second tab of the first call) needs its npm packages and its bundle: both made once
JS=test-harness/js
STANZA_PAGE=""
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  if [ ! -d "$JS/node_modules/stanza" ] || [ ! -d "$JS/node_modules/esbuild" ]; then
    say "installing the StanzaJS client's npm packages (npm ci in $JS, once)"
    (cd "$JS" && NO_COLOR=1 npm_config_color=false npm ci --no-audit --no-fund --no-progress --loglevel=error) 2>&1 \
      | sed 's/\x1b\[[0-9;]*[A-Za-z]//g' || true
  fi
  if [ -d "$JS/node_modules/stanza" ] && [ ! -f "$JS/stanza-client/dist/client.js" ]; then
    say "bundling the StanzaJS client (esbuild, once)"
    NO_COLOR=1 node "$JS/build-stanza-client.mjs" 2>&1 >/dev/null | sed 's/\x1b\[[0-9;]*[A-Za-z]//g' || true
  fi
  [ -f "$JS/stanza-client/dist/client.js" ] && STANZA_PAGE="http://127.0.0.1:$PROSODY_HTTP_PORT/files/"
fi

if [ ! -f "$JAR" ]; then
  say "building the gateway (mvn -B -q -DskipTests package)"
  # Debian's Maven 3.8 writes ANSI resets even in batch mode; jansi.noreset and the sed keep the output plain
  MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q -Dstyle.color=never -DskipTests package 2>&1 \
    | sed 's/\x1b\[[0-9;]*[A-Za-z]//g'
fi

stop_pidfile "$QS/gateway.pid" "$GATEWAY_MARK"
GATEWAY_HTTP_PORT=$(pick_port "gateway HTTP" 8080 QS_GATEWAY_HTTP_PORT)
: > "$QS/gateway.out"
# the secret goes by environment, not on the command line where ps shows it
JINGLE_GATEWAY_SECRET="$SECRET" setsid java "$GATEWAY_MARK" -jar "$JAR" run --xmpp-port "$COMPONENT_PORT" \
  --domain "$DOMAIN" --http-port "$GATEWAY_HTTP_PORT" > "$QS/gateway.out" 2> "$QS/gateway.log" &
echo $! > "$QS/gateway.pid"
for _ in $(seq 1 300); do
  grep -q '^READY ' "$QS/gateway.out" && break
  ours "$QS/gateway.pid" "$GATEWAY_MARK" || break
  sleep 0.1
done
if ! grep -q '^READY ' "$QS/gateway.out"; then
  echo "quickstart: the gateway did not become ready; its log ($QS/gateway.log):" >&2
  tail -20 "$QS/gateway.log" >&2
  stop_pidfile "$QS/gateway.pid" "$GATEWAY_MARK" >&2
  exit 1
fi
grep '^READY ' "$QS/gateway.out" | head -1
ALICE_PW=$(awk '$1 == "alice@localhost" { print $2 }' "$QS/users.txt")
cat <<TXT

The gateway is registered with the local Prosody as $DOMAIN.
  XMPP accounts (c2s 127.0.0.1:$C2S_PORT, no TLS, loopback only): see $QS/users.txt
  Prosody WebSocket for web clients: ws://127.0.0.1:$PROSODY_HTTP_PORT/xmpp-websocket
  Browser signaling endpoint:        ws://127.0.0.1:$GATEWAY_HTTP_PORT/ws
  Browser SDK for your own pages:    http://127.0.0.1:$GATEWAY_HTTP_PORT/sdk/jingle-gateway.js (docs/sdk.md)
  Component secret (random, made by the quickstart): $QS/secret
  Logs: $QS/gateway.log and $QS/prosody.log
TXT
if [ -n "$STANZA_PAGE" ]; then
  cat <<TXT

A call between two browser tabs, with audio and video (allow the camera and microphone when asked):
  1. Tab 1, the softphone (a browser user of the gateway): open http://127.0.0.1:$GATEWAY_HTTP_PORT/
     Type carol as User and press Register. It shows: Registered as carol@$DOMAIN/web-... Copy that JID.
  2. Tab 2, the StanzaJS XMPP client (served by this Prosody): open $STANZA_PAGE
     Log in as alice@localhost with password $ALICE_PW (leave the WebSocket field as it is).
  3. In tab 2, paste carol's JID into Call, keep video ticked and press Call.
  4. In tab 1, press Answer. Each tab shows the other's video; press Hang up in either tab to end.
  The other way round: in tab 1, call alice@localhost/web with Audio + video.
TXT
else
  cat <<TXT

A call between two browser tabs, with audio and video (allow the camera and microphone when asked):
  1. Open the softphone twice: http://127.0.0.1:$GATEWAY_HTTP_PORT/ in tab 1 and in tab 2.
  2. Tab 1: type carol as User and press Register. Tab 2: type dave as User and press Register.
  3. Tab 2: type carol@$DOMAIN in To, keep Audio + video and press Call.
  4. Tab 1: press Answer. Each tab shows the other's video; press Hang up in either tab to end.
  (An XMPP client in the browser too: install Node.js and npm, then run this script again; it sets up StanzaJS.)
TXT
fi
echo "Stop everything with: bash scripts/quickstart.sh stop"
