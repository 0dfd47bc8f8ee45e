#!/bin/bash
# Round 5 (docs/benchmarks.md): the direct path's fixed cost, session 9.
#   1. paired, in one JVM (round 4's Pair4 and D): the mapper of 7282bc4 (round 4's end) against this checkout's,
#      SdpToJingle.toXml both, alternating 1-second rounds of the thread's CPU time;
#   2. three passes of `bench --cpu-time` interleaved with `bench-anchors.mjs --cpu-time` on the same three files
#      (both now read the clock once a millisecond of conversions).
# Run from the repository's root after `mvn -o -pl component -am package -DskipTests`; writes to /tmp/round5.
set -euo pipefail
REPO=$(pwd)
W=/tmp/round5
rm -rf "$W" && mkdir -p "$W/h" "$W/w" "$W/before-src" "$W/before"
F=$REPO/jingle-mapper/src/test/resources/fixtures/chrome
T=$REPO/docs/bench/2026-12-05-mapper-small-offer/tiny.sdp
FILES=("$F/audio-offer.sdp" "$F/audio-video-data-offer.sdp" "$T")
L() { echo "-- $1 $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"; }
mvn -B -o -q -pl jingle-mapper dependency:build-classpath -Dmdep.outputFile="$W/deps.txt" -Dmdep.includeScope=runtime
git archive 7282bc4 jingle-mapper/src/main/java | tar -x -C "$W/before-src"
javac -nowarn -encoding UTF-8 -cp "$(cat "$W/deps.txt")" -d "$W/before" $(find "$W/before-src" -name '*.java') 2>/dev/null
R4=$REPO/docs/bench/2026-12-05-mapper-round4
javac -d "$W/h" "$R4/Pair4.java"
javac -cp "$REPO/jingle-mapper/target/classes" -d "$W/w" "$R4/D.java"
L "pair: 7282bc4's SdpToJingle.toXml (before) / this checkout's (after), ${ROUNDS:-9} rounds"
java -cp "$W/h" Pair4 "$W/w" "$(cat "$W/deps.txt")" "$W/before" D "$REPO/jingle-mapper/target/classes" D "${ROUNDS:-9}" "${FILES[@]}"
for pass in 1 2 3; do
  L "pass $pass: bench --cpu-time"
  java -jar "$REPO/component/target/jingle-gateway.jar" bench --cpu-time --seconds=3 "${FILES[@]}"
  L "pass $pass: bench-anchors.mjs --cpu-time"
  node "$REPO/test-harness/js/bench-anchors.mjs" --cpu-time --seconds 3 --warmup 3 "${FILES[@]}"
done
L end
