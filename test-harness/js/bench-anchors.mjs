#!/usr/bin/env node
// JavaScript anchors for the mapper's benchmark (issue 3, point 9): the same real Chromium inputs through
//   - npm sdp-jingle-json: toSessionJSON (SDP -> Jingle-shaped JSON; it makes no XML)
//   - StanzaJS 12.22.1: its full SDP -> Jingle XML string pipeline (importFromSDP, convertIntermediateToRequest,
//     the registry's export and toString, as MediaSession.start() and the WebSocket transport do) and its
//     XML string -> SDP pipeline (jxt parse, registry import, convertRequestToIntermediate, exportToSDP, as an
//     incoming session-initiate goes).
//
//   node test-harness/js/bench-anchors.mjs [--seconds N] [--warmup N] [--cpu-time] [FILE.sdp...]   (defaults 5 and 2)
//
// FILE.sdp: these SDP files instead of the three Chromium fixtures below (StanzaJS's cases are left out, with a line
// saying why, for an SDP it cannot convert).
//
// Single-threaded, after a warm-up, string in to string (or JSON object) out; with --cpu-time the warm-up and the
// measurement last N seconds of the process's CPU time (process.cpuUsage, GC threads included) instead of the
// wall-clock time, and the count is divided by it, as the gateway's `bench --cpu-time` does, for a machine shared
// with other work. One line per case:
//   anchor=<name> case=<file> direction=<sdp-to-json|sdp-to-jingle|jingle-to-sdp> ops_per_s=<n>
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.resolve(here, '../../jingle-mapper/src/test/resources/fixtures');
const CASES = ['chrome/audio-offer.sdp', 'chrome/audio-video-data-offer.sdp', 'chrome/audio-video-data-offer-gathered.sdp'];

const SdpJingleJson = require('sdp-jingle-json');
const XMPP = require('stanza');
const { importFromSDP, exportToSDP } = require('stanza/jingle/sdp/Intermediate');
const { convertIntermediateToRequest, convertRequestToIntermediate } = require('stanza/jingle/sdp/Protocol');
const { NS_JINGLE_ICE_UDP_1 } = require('stanza/Namespaces');
const { parse: parseXml } = require('stanza/jxt');

/** Nanoseconds of wall-clock time, or of this process's CPU time (user and system) with --cpu-time. */
function clock() {
  if (cpuTime) {
    const used = process.cpuUsage();
    return BigInt(used.user + used.system) * 1000n;
  }
  return process.hrtime.bigint();
}

function option(name, fallback) {
  const index = process.argv.indexOf(name);
  if (index < 0) {
    return fallback;
  }
  const value = Number(process.argv[index + 1]);
  if (!(value > 0)) {
    console.error(name + ' needs a positive number of seconds, got "' + process.argv[index + 1] + '"');
    process.exit(2);
  }
  return value;
}

const seconds = option('--seconds', 5);
const cpuTime = process.argv.includes('--cpu-time');
const warmup = option('--warmup', 2);
const client = XMPP.createClient({ jid: 'romeo@example.net', resource: 'orchard', transports: {} });

function stanzaSdpToXml(sdp) {
  const jingle = convertIntermediateToRequest(importFromSDP(sdp), 'initiator', NS_JINGLE_ICE_UDP_1);
  jingle.sid = 'a73sjjvkla37jfea';
  jingle.action = 'session-initiate';
  return client.stanzas.export('iq', { type: 'set', id: 'x1', to: 'juliet@example.com/balcony', jingle }).toString();
}

function stanzaXmlToSdp(xml) {
  const iq = client.stanzas.import(parseXml(xml));
  return exportToSDP(convertRequestToIntermediate(iq.jingle, 'initiator'));
}

function sdpJingleJson(sdp) {
  return SdpJingleJson.toSessionJSON(sdp, { role: 'initiator', direction: 'outgoing', creators: [] });
}

let sink = 0;

/**
 * Conversions per second over durationSeconds, reading the clock once every `batch` conversions (a clock read
 * costs about 1.7 us here, process.cpuUsage or hrtime: the warm-up runs batches of 16 and sizes the measuring
 * run's batches to about a millisecond each, so that the clock is read under 0.2 % of the time, as the gateway's
 * `bench` does).
 */
function run(fn, input, durationSeconds, batch = 16) {
  const start = clock();
  const end = start + BigInt(Math.round(durationSeconds * 1e9));
  let ops = 0;
  let now = start;
  while (now < end) {
    for (let i = 0; i < batch; i++) {
      const out = fn(input);
      sink += typeof out === 'string' ? out.length : out.contents.length;
    }
    ops += batch;
    now = clock();
  }
  return ops / (Number(now - start) / 1e9);
}

/** A batch of about a millisecond at the warm-up's rate, at least 16. */
function batchFor(warmupOpsPerS) {
  return Math.max(16, Math.round(warmupOpsPerS / 1000));
}

async function main() {
  // SDP files named on the command line (the gateway's `bench` takes the same) replace the default cases
  const files = process.argv.slice(2).filter((a) => a.endsWith('.sdp'));
  const cases = files.length > 0 ? files : CASES.map((file) => path.join(FIXTURES, file));
  for (const file of cases) {
    const sdp = await readFile(file, 'utf8');
    let xml = null;
    try {
      xml = stanzaSdpToXml(sdp);
    } catch (e) {
      console.log('anchor=stanzajs case=' + path.basename(file) + ' error=' + JSON.stringify(String(e.message)));
    }
    const anchors = [['sdp-jingle-json', 'sdp-to-json', sdpJingleJson, sdp]];
    if (xml !== null) {
      anchors.push(['stanzajs', 'sdp-to-jingle', stanzaSdpToXml, sdp], ['stanzajs', 'jingle-to-sdp', stanzaXmlToSdp, xml]);
    }
    for (const [anchor, direction, fn, input] of anchors) {
      const batch = batchFor(run(fn, input, warmup));
      const opsPerS = run(fn, input, seconds, batch);
      console.log('anchor=' + anchor + ' case=' + path.basename(file) + ' direction=' + direction
        + ' ops_per_s=' + Math.round(opsPerS));
    }
  }
  if (sink === 0) {
    console.error('no output was produced');
    process.exitCode = 1;
  }
}

await main();
