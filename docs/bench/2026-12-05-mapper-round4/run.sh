#!/bin/bash
# Round 4 (docs/benchmarks.md): paired in one JVM, then `bench --cpu-time` interleaved with the anchors.
# Work directory /tmp/fx4: h/ (Pair4.class), w/ (W.class, D.class), before/ (main's mapper classes, javac of
# `git archive` of main), after/ (this branch's jingle-mapper/target/classes), after.jar (this branch's gateway jar),
# deps.txt (the mapper's dependency class path), anchor-files.mjs (round 3's).
cd /tmp/fx4
REPO=${REPO:-/work/wt/fastxml}
F=$REPO/jingle-mapper/src/test/resources/fixtures/chrome
T=$REPO/docs/bench/2026-12-05-mapper-small-offer/tiny.sdp
L() { echo "-- $1 $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"; }
L "pair: main's model path (before) / this branch's SdpToJingle.toXml (after), ${ROUNDS:-9} rounds"
java -cp h Pair4 w "$(cat deps.txt)" before W after D ${ROUNDS:-9} $F/audio-offer.sdp $F/audio-video-data-offer.sdp $T
L "A/A: this branch's toXml against itself, ${ROUNDS:-9} rounds"
java -cp h Pair4 w "$(cat deps.txt)" after D after D ${ROUNDS:-9} $F/audio-offer.sdp $T
for pass in 1 2; do
  L "pass $pass: bench (SdpToJingle.toXml)"
  java -jar after.jar bench --cpu-time --seconds=3 $F/audio-offer.sdp $F/audio-video-data-offer.sdp $T
  L "pass $pass: anchors"
  node $REPO/test-harness/js/bench-anchors.mjs --cpu-time --seconds 3
  node anchor-files.mjs $REPO/test-harness/js/node_modules 3 $T
  L "pass $pass: bench --model-path (the same jar, parse + translate + write)"
  java -jar after.jar bench --cpu-time --model-path --seconds=3 $F/audio-offer.sdp $F/audio-video-data-offer.sdp $T
done
L end
