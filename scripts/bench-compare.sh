#!/usr/bin/env bash
# Two builds of the gateway's `bench` command side by side with the JavaScript anchors, interleaved, so that a change
# to the mapper is measured against its parent under the same load (docs/benchmarks.md):
#   bash scripts/bench-compare.sh [--rounds N] [--seconds N] [--cpu-time] BEFORE.jar AFTER.jar
# Each round runs BEFORE, then AFTER (the order swaps every round), then node test-harness/js/bench-anchors.mjs, on
# the three Chromium offers and the session-initiates made from them. Raw lines go to stdout as they come; the end
# is a table of medians with the lowest and highest round, and each build's ratio to the anchor of its direction
# (sdp-jingle-json for SDP -> Jingle XML, StanzaJS for Jingle XML -> SDP). --cpu-time divides every count by the
# measuring process's CPU time rather than the wall-clock time: on a machine busy with other work the wall clock
# measures the other work.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=3
seconds=3
clock=()
while [ $# -gt 2 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --cpu-time) clock=(--cpu-time); shift ;;
    *) echo "bench-compare: unknown option $1" >&2; exit 2 ;;
  esac
done
if [ $# -ne 2 ] || [ ! -f "$1" ] || [ ! -f "$2" ]; then
  echo "usage: bash scripts/bench-compare.sh [--rounds N] [--seconds N] [--cpu-time] BEFORE.jar AFTER.jar" >&2
  exit 2
fi
if [ ! -d test-harness/js/node_modules/stanza ]; then
  echo "bench-compare: run npm ci in test-harness/js first (the anchors need it)" >&2
  exit 2
fi
before=$1
after=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fixtures=jingle-mapper/src/test/resources/fixtures/chrome
files=()
for name in audio-offer audio-video-data-offer audio-video-data-offer-gathered; do
  cp "$fixtures/$name.sdp" "$work/$name.sdp"
  # the Jingle side of each case: what the AFTER build makes of the offer (both builds must read it)
  java -jar "$after" convert sdp-to-jingle --sid bench < "$work/$name.sdp" > "$work/$name.xml" 2>/dev/null
  files+=("$work/$name.sdp")
done
for name in audio-offer audio-video-data-offer audio-video-data-offer-gathered; do
  files+=("$work/$name.xml")
done
raw="$work/raw.txt"
run_build() {
  java -jar "$2" bench --seconds "$seconds" "${clock[@]}" "${files[@]}" | sed "s/^/build=$1 /" | tee -a "$raw"
}
for ((r = 1; r <= rounds; r++)); do
  echo "== round $r of $rounds ($(uptime | sed 's/.*load average/load average/'))" | tee -a "$raw"
  if ((r % 2)); then
    run_build before "$before"
    run_build after "$after"
  else
    run_build after "$after"
    run_build before "$before"
  fi
  node test-harness/js/bench-anchors.mjs --seconds "$seconds" --warmup "$seconds" "${clock[@]}" | tee -a "$raw"
done
echo
# median, lowest and highest ops/s per build and case; ratio of the medians to the direction's anchor
awk '
  function med(key,   n, i, j, t, v) {
    n = split(vals[key], v, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    lo[key] = v[1]; hi[key] = v[n]
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  {
    delete f
    for (i = 1; i <= NF; i++) if (split($i, kv, "=") == 2) f[kv[1]] = kv[2]
    if (!("ops_per_s" in f)) next
    c = f["case"]; sub(/\.(sdp|xml)$/, "", c)
    who = ("build" in f) ? f["build"] : f["anchor"]
    key = who SUBSEP c SUBSEP f["direction"]
    vals[key] = vals[key] " " f["ops_per_s"]
    if (!((c SUBSEP f["direction"]) in seen) && ("build" in f)) { seen[c SUBSEP f["direction"]] = 1; order[++cases] = c SUBSEP f["direction"] }
  }
  END {
    printf "%-34s %-14s %24s %24s %9s %9s\n", "case", "direction", "before ops/s (lo-hi)", "after ops/s (lo-hi)", "before", "after"
    for (k = 1; k <= cases; k++) {
      split(order[k], p, SUBSEP); c = p[1]; d = p[2]
      anchor = d == "sdp-to-jingle" ? "sdp-jingle-json" SUBSEP c SUBSEP "sdp-to-json" : "stanzajs" SUBSEP c SUBSEP "sdp-to-jingle"
      if (d == "jingle-to-sdp") anchor = "stanzajs" SUBSEP c SUBSEP "jingle-to-sdp"
      b = med("before" SUBSEP order[k]); bk = "before" SUBSEP order[k]
      a = med("after" SUBSEP order[k]); ak = "after" SUBSEP order[k]
      x = (anchor in vals) ? med(anchor) : 0
      printf "%-34s %-14s %8d (%6d-%6d) %8d (%6d-%6d) %8s %8s\n", c, d, b, lo[bk], hi[bk], a, lo[ak], hi[ak], \
        x ? sprintf("%.1fx", b / x) : "-", x ? sprintf("%.1fx", a / x) : "-"
    }
    print "(last two columns: each build over the anchor of its direction, medians: sdp-jingle-json for sdp-to-jingle,"
    print " StanzaJS for jingle-to-sdp)"
  }' "$raw"
