#!/usr/bin/env bash
# The mapper's benchmarks in one go (docs/benchmarks.md): JMH on the mapper and its floors, then the JavaScript
# anchors it is measured against (StanzaJS, sdp-jingle-json; test-harness/js/bench-anchors.mjs) on the same inputs.
# Extra arguments go to JMH, e.g.
#   bash scripts/bench.sh -f 1 -wi 3 -i 5 -prof gc
# A first argument that is not an option is the JMH benchmark regex instead of MapperBenchmark, e.g.
#   bash scripts/bench.sh 'MapperBenchmark.(jingleXmlRead|floorStaxParse)' -p fixture=audio-video-data-offer
# JMH runs with the StAX parser the gateway's jar ships (Woodstox), as `java -jar component/target/jingle-gateway.jar
# bench FILE...` does; the floors are measured with both the JDK's parser and that one.
set -euo pipefail
cd "$(dirname "$0")/.."
# one reactor run, so the sibling modules resolve to what it just built
mvn -B -q -DskipTests -pl test-harness -am package dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
cp=$(cat test-harness/target/bench.classpath)
# the StAX parser the gateway ships (Woodstox; the test class path leaves it out because Smack breaks on it), so the
# mapper is measured as shipped; floorStaxParse still uses the JDK's parser by name, floorShippedStaxParse this one
shipped=$(tr ':' '\n' < component/target/bench.classpath | grep -E '/(woodstox-core|stax2-api)-' | paste -sd: -)
cp="$cp:$shipped"
pattern=MapperBenchmark
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  pattern=$1
  shift
fi
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(-f 1 -wi 3 -w 1 -i 5 -r 1 -prof gc)
java -cp "test-harness/target/classes:$cp" org.openjdk.jmh.Main "$pattern" "${args[@]}"
if [ -d test-harness/js/node_modules/stanza ]; then
  echo "== JavaScript anchors (node test-harness/js/bench-anchors.mjs)"
  node test-harness/js/bench-anchors.mjs
else
  echo "bench: JavaScript anchors skipped: run npm ci in test-harness/js first" >&2
fi
