#!/usr/bin/env bash
# Quickstart: a local Prosody (installed with apt where missing) and the gateway registered with it.
#   bash scripts/quickstart.sh        start both (again: restarts the gateway, keeps Prosody's data)
#   bash scripts/quickstart.sh stop   stop both
# Everything lives in .quickstart/ (git-ignored; QS_DIR moves it); everything listens on 127.0.0.1 only.
# Ports: QS_C2S_PORT, QS_COMPONENT_PORT, QS_PROSODY_HTTP_PORT, QS_GATEWAY_HTTP_PORT.
set -euo pipefail
cd "$(dirname "$0")/.."
QS="${QS_DIR:-$PWD/.quickstart}"
DOMAIN=gw.localhost
C2S_PORT=${QS_C2S_PORT:-5222}
COMPONENT_PORT=${QS_COMPONENT_PORT:-5347}
PROSODY_HTTP_PORT=${QS_PROSODY_HTTP_PORT:-5280}
GATEWAY_HTTP_PORT=${QS_GATEWAY_HTTP_PORT:-8080}

stop_pidfile() {
  local f=$1
  local pid
  pid=$(cat "$f" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    echo "stopped $(basename "$f" .pid) (pid $pid)"
  fi
  rm -f "$f"
}

if [ "${1:-}" = "stop" ]; then
  stop_pidfile "$QS/gateway.pid"
  stop_pidfile "$QS/prosody.pid"
  exit 0
fi

if ! command -v prosody >/dev/null 2>&1; then
  echo "quickstart: installing Prosody with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq prosody >/dev/null
fi
# Debian's package may start a system Prosody on the default ports; the quickstart runs its own.
pkill -f '^lua.* /usr/bin/prosody$' 2>/dev/null || true

mkdir -p "$QS/data" "$QS/certs"
[ -f "$QS/secret" ] || head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$QS/secret"
SECRET=$(cat "$QS/secret")

cat > "$QS/prosody.cfg.lua" <<LUA
-- Written by scripts/quickstart.sh: a loopback-only Prosody for trying jingle-gateway.
run_as_root = true
pidfile = "$QS/prosody.pid"
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
log = { { levels = { min = "info" }, to = "file", filename = "$QS/prosody.log" } }
VirtualHost "localhost"
Component "$DOMAIN"
  component_secret = "$SECRET"
LUA

if [ ! -f "$QS/users.txt" ]; then
  : > "$QS/users.txt"
  for u in alice bob; do
    pw=$(head -c 9 /dev/urandom | base64 | tr -d '/+=')
    prosodyctl --config "$QS/prosody.cfg.lua" register "$u" localhost "$pw"
    echo "$u@localhost $pw" >> "$QS/users.txt"
  done
fi

if ! { [ -f "$QS/prosody.pid" ] && kill -0 "$(cat "$QS/prosody.pid")" 2>/dev/null; }; then
  for p in $C2S_PORT $COMPONENT_PORT $PROSODY_HTTP_PORT; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "quickstart: port $p on 127.0.0.1 is already in use; stop what uses it or set QS_C2S_PORT,"\
        "QS_COMPONENT_PORT, QS_PROSODY_HTTP_PORT" >&2
      exit 1
    fi
  done
  setsid prosody --config "$QS/prosody.cfg.lua" -F >> "$QS/prosody.out" 2>&1 &
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$COMPONENT_PORT") 2>/dev/null && break
    sleep 0.1
  done
  (exec 3<>"/dev/tcp/127.0.0.1/$COMPONENT_PORT") 2>/dev/null || { echo "quickstart: Prosody did not start; see $QS/prosody.log" >&2; tail -20 "$QS/prosody.log" >&2 || true; exit 1; }
  echo "quickstart: Prosody is up (c2s 127.0.0.1:$C2S_PORT, component port $COMPONENT_PORT)"
fi

# the StanzaJS client page needs its bundle (esbuild, from test-harness/js's npm packages)
STANZA_PAGE="the StanzaJS client is not built: run npm ci in test-harness/js, then this script again"
if [ -d test-harness/js/node_modules/stanza ] && command -v node >/dev/null 2>&1; then
  if [ ! -f test-harness/js/stanza-client/dist/client.js ]; then
    node test-harness/js/build-stanza-client.mjs >/dev/null
  fi
  STANZA_PAGE="http://127.0.0.1:$PROSODY_HTTP_PORT/files/"
fi

JAR=component/target/jingle-gateway.jar
if [ ! -f "$JAR" ]; then
  echo "quickstart: building the gateway (mvn -B -q -DskipTests package)"
  mvn -B -q -DskipTests package
fi

stop_pidfile "$QS/gateway.pid"
: > "$QS/gateway.out"
setsid java -jar "$JAR" run --xmpp-port "$COMPONENT_PORT" --domain "$DOMAIN" --secret "$SECRET" \
  --http-port "$GATEWAY_HTTP_PORT" > "$QS/gateway.out" 2> "$QS/gateway.log" &
echo $! > "$QS/gateway.pid"
for _ in $(seq 1 300); do
  grep -q '^READY ' "$QS/gateway.out" && break
  kill -0 "$(cat "$QS/gateway.pid")" 2>/dev/null || break
  sleep 0.1
done
if ! grep -q '^READY ' "$QS/gateway.out"; then
  echo "quickstart: the gateway did not become ready; its log:" >&2
  tail -20 "$QS/gateway.log" >&2
  exit 1
fi
grep '^READY ' "$QS/gateway.out" | head -1
cat <<TXT

The gateway is registered with the local Prosody as $DOMAIN.
  XMPP accounts (c2s 127.0.0.1:$C2S_PORT, no TLS, loopback only): see $QS/users.txt
  Prosody WebSocket for web clients: ws://127.0.0.1:$PROSODY_HTTP_PORT/xmpp-websocket
  Browser signaling endpoint:        ws://127.0.0.1:$GATEWAY_HTTP_PORT/ws
  Logs: $QS/gateway.log and $QS/prosody.log

A call between two browser tabs:
  1. Softphone (a browser user of the gateway): http://127.0.0.1:$GATEWAY_HTTP_PORT/
     Register as carol; it shows its JID, carol@$DOMAIN/web-...
  2. StanzaJS XMPP client (served by this Prosody): $STANZA_PAGE
     Log in as alice@localhost with the password from $QS/users.txt, paste carol's full JID, Call.
  3. Answer in the softphone tab. (Calls the other way: the softphone calls alice@localhost/web.)
Stop everything with: bash scripts/quickstart.sh stop
TXT
