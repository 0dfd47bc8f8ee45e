#!/usr/bin/env node
// Regenerates the browser SDP fixtures of jingle-mapper from real headless Chromium and Firefox ESR.
//
//   node test-harness/js/gen-fixtures.mjs [chromium|firefox ...]    (from the repository root; npm ci first)
//
// For each scenario, one page served from 127.0.0.1 holds two RTCPeerConnections connected to each other
// (fake media devices, no ICE servers, host candidates only, never an mDNS ".local" name). It writes, per
// browser, into jingle-mapper/src/test/resources/fixtures/{chrome,firefox}/:
//   <scenario>-offer.sdp / -answer.sdp          createOffer() / createAnswer() output, untouched (CRLF)
//   <scenario>-offer-set-local.sdp / ...        localDescription right after setLocalDescription, only
//                                               where it differs from the createOffer()/createAnswer() text
//   <scenario>-offer-gathered.sdp / ...         localDescription after the null icecandidate event
//   <scenario>-offer.candidates.json / ...      every icecandidate event of that side in order, as
//                                               RTCIceCandidateInit objects; the final null event as null
// plus SOURCES.md with versions, date, and how each file was made.
import { mkdir, readFile, writeFile, readdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve } from './lib/serve.mjs';
import { launchChromium, launchFirefox } from './lib/browsers.mjs';
import { bullets } from './lib/md.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.resolve(here, '../../jingle-mapper/src/test/resources/fixtures');

const SCENARIOS = [
  { name: 'audio', spec: { audio: true }, what: 'one audio track (addTrack with its stream)' },
  { name: 'audio-video', spec: { audio: true, video: true }, what: 'one audio and one video track' },
  {
    name: 'audio-video-data',
    spec: { audio: true, video: true, data: true },
    what: 'one audio track, one video track and a data channel "chat" (BUNDLE of three m-lines)',
  },
  { name: 'data', spec: { data: true }, what: 'a data channel "chat" only (no media)' },
  {
    name: 'simulcast',
    spec: { audio: true, video: true, simulcast: true },
    what: 'audio track plus a video transceiver with three sendEncodings, rids q (1/4), h (1/2), f (full); '
      + 'the answerer sends no video',
  },
  {
    name: 'ice-restart',
    spec: { audio: true, video: true, data: true, iceRestart: true },
    what: 'an audio+video+data call; once both sides are connected the offerer calls '
      + 'createOffer({iceRestart: true}) and the answerer answers it',
  },
];

const BROWSERS = {
  chromium: { folder: 'chrome', launch: launchChromium },
  firefox: { folder: 'firefox', launch: launchFirefox },
};

// The Debian package version of the browser, when dpkg knows it.
function debianVersion(pkg) {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Version}', pkg], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown (not installed from a Debian package)';
  }
}

async function packageVersion(name) {
  const json = JSON.parse(await readFile(path.join(here, 'node_modules', name, 'package.json'), 'utf8'));
  return json.version;
}

function describeCandidates(events) {
  const real = events.filter((e) => e !== null && e.candidate !== '');
  const ends = events.filter((e) => e !== null && e.candidate === '').length;
  const tcp = real.filter((e) => / tcp /i.test(e.candidate)).length;
  const mids = [...new Set(real.map((e) => e.sdpMid))];
  return real.length + ' candidates (' + tcp + ' TCP) on mids ' + mids.join(',')
    + (ends ? ', ' + ends + ' end-of-candidates events with candidate ""' : '')
    + (events.at(-1) === null ? ', then null' : ', no null event');
}

async function writeSide(dir, base, raw, setLocal, gathered, candidates, files) {
  const add = async (name, content, note) => {
    await writeFile(path.join(dir, name), content);
    files.push({ name, note });
  };
  await add(base + '.sdp', raw, 'createOffer()/createAnswer() output');
  if (setLocal !== raw) {
    await add(base + '-set-local.sdp', setLocal, 'localDescription right after setLocalDescription (differs)');
  }
  await add(base + '-gathered.sdp', gathered, 'localDescription after the null icecandidate event');
  await add(base + '.candidates.json', JSON.stringify(candidates, null, 2) + '\n',
    'icecandidate events: ' + describeCandidates(candidates));
}

async function runScenario(browser, scenario) {
  let lastError;
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      return await browser.page.evaluate((spec) => window.runScenario(spec), scenario.spec);
    } catch (error) {
      lastError = error;
      console.error(browser.name + ' ' + scenario.name + ' attempt ' + attempt + ' failed: ' + error.message);
    }
  }
  throw lastError;
}

async function generate(key) {
  const { folder, launch } = BROWSERS[key];
  const dir = path.join(FIXTURES, folder);
  await mkdir(dir, { recursive: true });
  for (const old of await readdir(dir)) {
    if (old.endsWith('.sdp') || old.endsWith('.candidates.json')) {
      await rm(path.join(dir, old));
    }
  }
  const server = await serve();
  const browser = await launch();
  const consoleLines = [];
  browser.page.onConsole((type, text) => {
    if (type === 'error' && !text.includes('404')) {
      consoleLines.push(text);
      console.error('[' + key + ' page] ' + text);
    }
  });
  const sections = [];
  try {
    await browser.page.goto(server.url);
    const devices = await browser.page.evaluate(() => window.primeMedia());
    const userAgent = await browser.page.evaluate(() => navigator.userAgent);
    for (const scenario of SCENARIOS) {
      console.log(key + ': ' + scenario.name);
      const result = await runScenario(browser, scenario);
      const files = [];
      const parts = scenario.spec.iceRestart
        ? [['ice-restart-initial', result.initial], ['ice-restart', result.restart]]
        : [[scenario.name, result.initial]];
      for (const [prefix, r] of parts) {
        await writeSide(dir, prefix + '-offer', r.offer, r.offerAfterSetLocal, r.offerGathered,
          r.offerCandidates, files);
        await writeSide(dir, prefix + '-answer', r.answer, r.answerAfterSetLocal, r.answerGathered,
          r.answerCandidates, files);
      }
      sections.push({ scenario, files });
    }
    const tool = key === 'chromium'
      ? 'playwright-core ' + await packageVersion('playwright-core')
      : 'puppeteer-core ' + await packageVersion('puppeteer-core');
    await writeFile(path.join(dir, 'SOURCES.md'), sources({
      key, browser, userAgent, devices, tool, sections, consoleLines,
    }));
  } finally {
    await browser.close();
    await server.close();
  }
}

function sources({ key, browser, userAgent, devices, tool, sections, consoleLines }) {
  const pkg = key === 'chromium' ? 'chromium' : 'firefox-esr';
  const product = (key === 'chromium' ? 'Chromium' : 'Firefox ESR') + ' (Debian package `' + pkg + '` '
    + debianVersion(pkg) + ')';
  const lines = [];
  lines.push('# ' + (key === 'chromium' ? 'Chromium' : 'Firefox ESR') + ' SDP fixtures');
  lines.push('');
  lines.push('Generated by `node test-harness/js/gen-fixtures.mjs ' + key + '` (run `npm ci` in test-harness/js '
    + 'first). Do not edit these files by hand: regenerate them.');
  lines.push('');
  lines.push('- Producing software: ' + product + ', version ' + browser.version);
  lines.push('- User agent: `' + userAgent + '`');
  lines.push('- Driven by: ' + tool + ' on Node.js ' + process.version + '; ' + browser.launch);
  lines.push('- Fake devices: ' + devices.join(', '));
  lines.push('- Date (UTC): ' + new Date().toISOString());
  lines.push('');
  lines.push('## How they were captured');
  lines.push('');
  lines.push('One page served from http://127.0.0.1 (a secure context, so getUserMedia works; on about:blank and data:');
  lines.push('pages navigator.mediaDevices is undefined in both browsers) per browser; per');
  lines.push('scenario two RTCPeerConnections (`{iceServers: []}`, default bundle policy) in that page, the');
  lines.push('offerer and the answerer, connected to each other. The offerer calls createOffer() and');
  lines.push('setLocalDescription(); the answerer gets the createOffer() text as remote description, answers, and');
  lines.push('the offerer sets that answer. Candidates are trickled between them as they come (an mDNS `.local`');
  lines.push('candidate would abort the run; none appeared). The scenario waits for the null icecandidate event on');
  lines.push('both sides and for connectionState `connected` before it records the gathered descriptions.');
  lines.push('The answerer adds its own audio/video tracks before it sets the remote offer, so its answer is');
  lines.push('sendrecv (except the simulcast scenario, where it sends no video).');
  lines.push('');
  lines.push('Files are the browser\'s bytes, untouched (CRLF line ends; see ../.gitattributes).');
  lines.push('`*.candidates.json` holds every icecandidate event of one side, in order, as');
  lines.push('RTCIceCandidateInit (`candidate.toJSON()`: candidate, sdpMid, sdpMLineIndex, usernameFragment);');
  lines.push('the final event, whose candidate is null, is written as `null`.');
  lines.push('');
  lines.push('## Files');
  for (const { scenario, files } of sections) {
    lines.push('');
    lines.push('### ' + scenario.name + ': ' + scenario.what);
    lines.push('');
    lines.push(...bullets(files, (file) => '`' + file.name + '`: ' + file.note));
  }
  lines.push('');
  lines.push('## Observations');
  lines.push('');
  lines.push(...bullets(OBSERVATIONS[key]));
  if (consoleLines.length) {
    lines.push('');
    lines.push('## Page errors during the run');
    lines.push('');
    lines.push(...bullets(consoleLines, (line) => '`' + line + '`'));
  }
  lines.push('');
  return lines.join('\n');
}

// What a mapper author should know about this browser's output (checked on the versions above).
const OBSERVATIONS = {
  chromium: [
    'createOffer()/createAnswer() text equals localDescription right after setLocalDescription (no '
      + '`-set-local` files). It has no candidates, `m=... 9`, `c=IN IP4 0.0.0.0` and `a=rtcp:9 IN IP4 0.0.0.0`.',
    'The gathered localDescription adds `a=candidate` lines and puts the first candidate\'s port and address in '
      + '`m=`/`c=`, keeps `a=rtcp:9 IN IP4 0.0.0.0`, and has no `a=end-of-candidates`. Its candidate lines carry '
      + '`generation` and `network-id` but not `ufrag`, while the trickled candidate strings carry '
      + '`generation`, `ufrag` and `network-id`.',
    'The offerer gathers on every m-line before BUNDLE is negotiated (candidates for each mid, same foundations, '
      + 'different ports); the answerer gathers on the first bundled mid only, and in its gathered description '
      + 'the other bundled m-lines keep port 9 and `c=IN IP4 0.0.0.0`.',
    'No end-of-candidates event with candidate "" is fired: only the final null event.',
    'Host candidates are this machine\'s addresses (IPv4 and IPv6), UDP. TCP `tcptype active` candidates with '
      + 'port 9 appeared only in the ICE restart gathering (the first gathering ended before them).',
    'Session-level `a=msid-semantic: WMS <stream id>` (with a space after the colon) and `a=extmap-allow-mixed`; '
      + 'media-level `a=msid` plus, in offers, ssrc lines with `cname` and `msid`; in answers the ssrc lines carry '
      + '`cname` only (msid is media-level only); video has `a=ssrc-group:FID` for RTX. '
      + 'RED has the value-only fmtp `111/111`; H.264 fmtp is `level-asymmetry-allowed=1;packetization-mode=1;'
      + 'profile-level-id=42001f`. The audio+video+data offer has 171 lines and 23 video payload types.',
    'Simulcast offer: `a=rid:q send`, `a=rid:h send`, `a=rid:f send`, `a=simulcast:send q;h;f` and no ssrc lines '
      + 'on the video m-line. Chromium\'s answer to it has no `a=rid`/`a=simulcast` (simulcast not accepted by '
      + 'the receiving side) and the video m-line is `a=recvonly`.',
    'Data channel: `m=application 9 UDP/DTLS/SCTP webrtc-datachannel`, `a=sctp-port:5000`, '
      + '`a=max-message-size:262144`.',
  ],
  firefox: [
    'The origin line is `o=mozilla...THIS_IS_SDPARTA-99.0 <id> 0 IN IP4 0.0.0.0`; attributes are sorted '
      + 'alphabetically within an m-line (extmap, fmtp, ice-pwd, ice-ufrag, mid, msid, rtcp-fb, rtpmap, setup, '
      + 'ssrc); fingerprint, BUNDLE group and `a=ice-options:trickle` are session-level.',
    'localDescription is re-serialised: after setLocalDescription (`-set-local` files) it gains a session-level '
      + '`a=sendrecv` and `telephone-event/8000/1` becomes `telephone-event/8000` (`G722/8000/1` keeps its `/1`); '
      + 'after gathering (`-gathered`) the candidates come right after `c=`, followed by the media `a=sendrecv` '
      + '(moved) and `a=end-of-candidates`, and some offers gain `a=rtcp:<port> IN IP4 <addr>` for the RTCP '
      + 'component although `a=rtcp-mux` is offered.',
    'In the gathered answer every bundled m-line carries the bundle transport\'s port and address, but candidates '
      + 'only on the first (Chromium leaves port 9 there).',
    'Trickle: every m-line gets its own end-of-candidates event (candidate "", with sdpMid, sdpMLineIndex and '
      + 'usernameFragment), then the final null event. The offerer gathers every m-line, and component 2 '
      + '(RTCP) on RTP m-lines, before BUNDLE and rtcp-mux are negotiated.',
    'Candidates have small numeric foundations, upper-case `UDP`/`TCP`, no `generation`/`ufrag`/`network-id` '
      + 'extensions; TCP host candidates are `tcptype active` with port 9, in the first gathering too.',
    'Media-level `a=msid:{stream} {track}` (ids in braces), `a=msid-semantic:WMS *`, ssrc lines carry only '
      + '`cname`; `a=extmap:2/recvonly` and `a=extmap:6/recvonly` direction forms; `a=fmtp:101 0-15` value-only '
      + 'token for telephone-event. Debian\'s build offers VP8, VP9 and AV1 (plus rtx, ulpfec, red), no H.264.',
    'Simulcast offer: `a=rid:<id> send` lines, `a=simulcast:send q;h;f`, and ssrc lines for every layer and its '
      + 'RTX with `a=ssrc-group:FID` (no SIM group). Firefox\'s answer to it has no `a=rid`/`a=simulcast` and '
      + 'the video m-line is `a=recvonly`.',
    'Data channel: `a=sctp-port:5000`, `a=max-message-size:1073741823`.',
  ],
};

const wanted = process.argv.slice(2);
const keys = wanted.length ? wanted : Object.keys(BROWSERS);
for (const key of keys) {
  if (!BROWSERS[key]) {
    console.error('unknown browser "' + key + '": expected one of ' + Object.keys(BROWSERS).join(', '));
    process.exit(2);
  }
}
for (const key of keys) {
  await generate(key);
}
console.log('fixtures written under ' + FIXTURES);
