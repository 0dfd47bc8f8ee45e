#!/bin/bash
# bench (before, after) interleaved with the anchors; the 8-line offer last, so that the JIT has compiled the
# mapper on the real offers first (as the first case of a fresh JVM it measured part of the warm-up)
cd /tmp/ms  # work directory: before.jar, after2/ (this branch's mapper classes), js/anchor-files.mjs, tiny.sdp
F=REPO/jingle-mapper/src/test/resources/fixtures/chrome
L() { echo "-- $1 $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"; }
for pass in 1 2; do
  L "pass $pass: bench BEFORE (main's mapper)"
  java -jar before.jar bench --cpu-time --seconds=3 $F/audio-offer.sdp $F/audio-video-data-offer.sdp tiny.sdp
  L "pass $pass: anchors"
  node REPO/test-harness/js/bench-anchors.mjs --cpu-time --seconds 3
  node js/anchor-files.mjs REPO/test-harness/js/node_modules 3 tiny.sdp
  L "pass $pass: bench AFTER (this branch's mapper classes before the same jar)"
  java -cp /tmp/ms/after2:before.jar org.jinglegateway.cli.Main bench --cpu-time --seconds=3 $F/audio-offer.sdp $F/audio-video-data-offer.sdp tiny.sdp
done
L end
