// sdp-jingle-json's toSessionJSON (the anchor of bench-anchors.mjs) on any SDP files, CPU time of the process,
// as bench-anchors.mjs --cpu-time measures it:  node anchor-files.mjs NODE_MODULES SECONDS file.sdp...
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
const [modules, secondsArg, ...files] = process.argv.slice(2);
const SdpJingleJson = createRequire(path.join(modules, 'x.js'))('sdp-jingle-json');
const clock = () => { const u = process.cpuUsage(); return BigInt(u.user + u.system) * 1000n; };
let sink = 0;
function run(sdp, seconds) {
  const start = clock(), end = start + BigInt(Math.round(seconds * 1e9));
  let ops = 0, now = start;
  while (now < end) {
    for (let i = 0; i < 16; i++) {
      sink += SdpJingleJson.toSessionJSON(sdp, { role: 'initiator', direction: 'outgoing', creators: [] }).contents.length;
    }
    ops += 16; now = clock();
  }
  return ops / (Number(now - start) / 1e9);
}
for (const file of files) {
  const sdp = await readFile(file, 'utf8');
  run(sdp, 2);
  console.log('anchor=sdp-jingle-json case=' + path.basename(file) + ' direction=sdp-to-json ops_per_s='
    + Math.round(run(sdp, Number(secondsArg))));
}
if (sink === 0) process.exitCode = 1;
