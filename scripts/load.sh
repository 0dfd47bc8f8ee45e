#!/usr/bin/env bash
# The gateway's load suite in one go (docs/benchmarks.md, "Load"): a private XMPP server, the gateway with a fixed
# heap, and a generator of WebSocket devices and raw c2s clients; prints tables and writes docs/bench/<date>-load.json.
# Options go to org.jinglegateway.harness.load.LoadOptions, e.g.
#   bash scripts/load.sh --servers prosody,ejabberd --held 1000,10000 --rates 100,200,400
#   bash scripts/load.sh --servers ejabberd --instances 3     (one gateway of three instances, figures summed)
# It takes about half an hour with the defaults (100,000 held calls are built up at 400 a second).
set -euo pipefail
cd "$(dirname "$0")/.."
# one reactor run, so the sibling modules resolve to what it just built
mvn -B -q -o -DskipTests -pl test-harness -am package dependency:build-classpath \
  -Dmdep.outputFile=target/load.classpath >/dev/null
cp=$(cat test-harness/target/load.classpath)
# the gateway runs from a copy, so that a build during the run cannot change the jar under it
# (LOAD_GATEWAY_JAR: another build's jar, for a before/after pair in the same conditions)
jar=test-harness/target/load-gateway.jar
cp "${LOAD_GATEWAY_JAR:-component/target/jingle-gateway.jar}" "$jar"
# the servers and the gateway it starts inherit this: many calls, many sockets
ulimit -n "$(ulimit -Hn)"
echo "load: uptime before the run: $(uptime)"
java -Xmx2g -Dgateway.jar="$jar" -cp "test-harness/target/classes:$cp" \
  org.jinglegateway.harness.load.LoadMain "$@"
echo "load: uptime after the run: $(uptime)"
