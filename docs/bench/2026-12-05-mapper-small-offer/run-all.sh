#!/bin/bash
# before/after paired in one JVM, then bench (before, after) interleaved with the anchors
cd /tmp/ms  # work directory: h/ w/ s/ (compiled harness), before/ after2/ (mapper classes), before.jar, deps.txt
F=REPO/jingle-mapper/src/test/resources/fixtures/chrome
L() { echo "-- $1 $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"; }
L "pair after/before, 11 rounds"
java -cp h Pair $(cat deps.txt) /tmp/ms/before /tmp/ms/after2 11 tiny.sdp $F/audio-offer.sdp $F/audio-video-data-offer.sdp
for pass in 1 2; do
  L "pass $pass: bench BEFORE (main's mapper)"
  java -jar before.jar bench --cpu-time --seconds=3 tiny.sdp $F/audio-offer.sdp $F/audio-video-data-offer.sdp
  L "pass $pass: anchors"
  node js/anchor-files.mjs REPO/test-harness/js/node_modules 3 tiny.sdp
  node REPO/test-harness/js/bench-anchors.mjs --cpu-time --seconds 3
  L "pass $pass: bench AFTER (this branch's mapper classes before the same jar)"
  java -cp /tmp/ms/after2:before.jar org.jinglegateway.cli.Main bench --cpu-time --seconds=3 tiny.sdp $F/audio-offer.sdp $F/audio-video-data-offer.sdp
done
L end
