#!/usr/bin/env node
// Regenerates jingle-mapper/src/test/resources/fixtures/stanzajs/ from StanzaJS's own code.
//
//   node test-harness/js/gen-stanza-fixtures.mjs        (from the repository root; npm ci first)
//
// StanzaJS (npm `stanza`) is a real XMPP client library whose MediaSession turns the browser's SDP into
// Jingle. Node has no RTCPeerConnection, so each session gets a scripted stand-in that replays what real
// Chromium (and Firefox) produced in the browser fixtures next door (../chrome, ../firefox): createOffer()
// and createAnswer() return the captured SDP, and icecandidate events replay the captured candidates.
// Everything else is StanzaJS's unmodified code: its SessionManager and MediaSession decide what to send,
// its SDP -> Jingle conversion builds the stanza, and its XML registry (client.stanzas, the same one its
// WebSocket transport uses) serialises it. Each file is one <iq> as it reaches the peer, with the `from`
// the server stamps on it.
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { bullets } from './lib/md.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.resolve(here, '../../jingle-mapper/src/test/resources/fixtures');
const OUT = path.join(FIXTURES, 'stanzajs');

const XMPP = require('stanza');
const { SessionManager, MediaSession } = require('stanza/jingle');

const ROMEO = 'romeo@example.net/orchard';
const JULIET = 'juliet@example.com/balcony';

// A scripted RTCPeerConnection: only what StanzaJS's MediaSession touches.
class ScriptedPeerConnection {
  constructor(script) {
    this.script = script;
    this.localDescription = null;
    this.remoteDescription = null;
    this.signalingState = 'stable';
    this.iceConnectionState = 'new';
    this.onicecandidate = null;
    this.oniceconnectionstatechange = null;
    this.remoteDescriptions = [];
  }

  addEventListener() {}

  removeEventListener() {}

  async createOffer(options) {
    const sdp = options && options.iceRestart ? this.script.restartOffer : this.script.offer;
    return { type: 'offer', sdp };
  }

  async createAnswer() {
    return { type: 'answer', sdp: this.script.answer };
  }

  async setLocalDescription(description) {
    this.localDescription = description;
  }

  async setRemoteDescription(description) {
    this.remoteDescription = description;
    this.remoteDescriptions.push(description.sdp);
  }

  async addIceCandidate() {}

  getSenders() {
    return [];
  }

  getReceivers() {
    return [];
  }

  getTransceivers() {
    return [];
  }

  getRemoteStreams() {
    return [];
  }

  close() {
    this.signalingState = 'closed';
  }

  // Replays one captured icecandidate event (null = the end of gathering, after which the browser's
  // localDescription is the gathered one).
  fire(init, gatheredSdp) {
    if (init === null) {
      this.localDescription = { type: this.localDescription.type, sdp: gatheredSdp };
      this.onicecandidate({ candidate: null });
    } else if (init.candidate === '') {
      this.onicecandidate({ candidate: { ...init } });
    } else {
      this.onicecandidate({ candidate: { ...init } });
    }
  }
}

const client = XMPP.createClient({ jid: 'romeo@example.net', resource: 'orchard', transports: {} });

function serialise(data, from) {
  return client.stanzas.export('iq', { ...data, from }).toString();
}

function settle() {
  return new Promise((resolve) => setTimeout(resolve, 20));
}

function manager(self) {
  const sent = [];
  let nextPc = null;
  const sessions = new SessionManager({
    selfID: self,
    iceServers: [],
    hasRTCPeerConnection: true,
    prepareSession: (options) => new MediaSession(options),
    createPeerConnection: () => nextPc,
  });
  sessions.on('send', (data) => sent.push(data));
  return {
    sessions,
    sent,
    usePeerConnection(pc) {
      nextPc = pc;
    },
    take() {
      return sent.splice(0, sent.length).filter((data) => data.type === 'set');
    },
  };
}

async function readText(file) {
  return readFile(path.join(FIXTURES, file), 'utf8');
}

async function readJson(file) {
  return JSON.parse(await readText(file));
}

const written = [];

async function write(name, stanzas, from, note) {
  if (stanzas.length !== 1) {
    throw new Error(name + ': expected exactly one stanza from StanzaJS, got ' + stanzas.length);
  }
  await writeFile(path.join(OUT, name), serialise(stanzas[0], from) + '\n');
  written.push({ name, note });
}

async function writeMany(prefix, stanzas, from, note) {
  const width = String(stanzas.length).length;
  let n = 0;
  for (const stanza of stanzas) {
    n++;
    const name = prefix + '-' + String(n).padStart(width, '0') + '.xml';
    await writeFile(path.join(OUT, name), serialise(stanza, from) + '\n');
  }
  written.push({ name: prefix + '-*.xml (' + stanzas.length + ' files)', note });
}

// Romeo (StanzaJS initiator) offers the captured browser offer; Juliet (StanzaJS responder) receives
// StanzaJS's own session-initiate, answers with the captured browser answer.
async function call(browser, scenario, options) {
  const base = browser + '/' + scenario;
  const script = {
    offer: await readText(base + '-offer.sdp'),
    answer: await readText(base + '-answer.sdp'),
  };
  const romeo = manager(ROMEO);
  const juliet = manager(JULIET);
  const romeoPc = new ScriptedPeerConnection(script);
  const julietPc = new ScriptedPeerConnection(script);
  romeo.usePeerConnection(romeoPc);
  juliet.usePeerConnection(julietPc);

  const session = romeo.sessions.createMediaSession(JULIET, undefined, undefined);
  await session.start();
  await settle();
  const initiate = romeo.take();
  const suffix = options.suffix || '';
  await write('session-initiate-' + scenario + suffix + '.xml', initiate, ROMEO,
    'MediaSession.start() on ' + base + '-offer.sdp (createOffer() output)');

  let incoming = null;
  juliet.sessions.on('incoming', (s) => {
    incoming = s;
  });
  juliet.sessions.process({ ...JSON.parse(JSON.stringify(initiate[0])), from: ROMEO, to: JULIET });
  await settle();
  if (incoming === null) {
    throw new Error(base + ': StanzaJS did not accept its own session-initiate as an incoming session');
  }
  juliet.take();
  const result = { romeo, juliet, session, incoming, romeoPc, julietPc, base };
  if (options.stanzaSdp) {
    await writeFile(path.join(OUT, 'session-initiate-' + scenario + suffix + '.stanzajs-remote.sdp.txt'),
      julietPc.remoteDescriptions[0]);
    written.push({
      name: 'session-initiate-' + scenario + suffix + '.stanzajs-remote.sdp.txt',
      note: 'the SDP StanzaJS itself made from that session-initiate and gave the responder\'s '
        + 'setRemoteDescription (its Jingle -> SDP direction); not a fixture for identity round trips',
    });
  }
  if (!options.accept) {
    return result;
  }
  await incoming.ring();
  await settle();
  if (options.ring) {
    await write('session-info-ringing.xml', juliet.take(), JULIET, 'MediaSession.ring() by the responder');
  } else {
    juliet.take();
  }
  await incoming.accept();
  await settle();
  await write('session-accept-' + scenario + suffix + '.xml', juliet.take(), JULIET,
    'MediaSession.accept() answering with ' + base + '-answer.sdp (createAnswer() output)');
  return result;
}

async function trickle(side, pc, base, label, from) {
  const events = await readJson(base + '.candidates.json');
  const gathered = await readText(base + '-gathered.sdp');
  for (const event of events) {
    pc.fire(event, gathered);
    await settle();
  }
  return side.take();
}

async function main() {
  await mkdir(OUT, { recursive: true });
  for (const old of await readdir(OUT)) {
    if (old.endsWith('.xml') || old.endsWith('.sdp.txt')) {
      await rm(path.join(OUT, old));
    }
  }

  // Audio only: initiate, ringing, accept, both sides' trickle, terminate.
  const audio = await call('chrome', 'audio', { accept: true, ring: true, stanzaSdp: true });
  await writeMany('transport-info-initiator', await trickle(audio.romeo, audio.romeoPc, 'chrome/audio-offer'),
    ROMEO, 'one transport-info per icecandidate event of chrome/audio-offer.candidates.json, in order; the last '
      + 'one is StanzaJS\'s <gathering-complete/> for the null event');
  await writeMany('transport-info-responder', await trickle(audio.juliet, audio.julietPc, 'chrome/audio-answer'),
    JULIET, 'the same for the responder, from chrome/audio-answer.candidates.json');
  await audio.session.mute('initiator');
  await settle();
  await write('session-info-mute.xml', audio.romeo.take(), ROMEO, 'MediaSession.mute(\'initiator\')');
  await audio.session.unmute('initiator');
  await settle();
  await write('session-info-unmute.xml', audio.romeo.take(), ROMEO, 'MediaSession.unmute(\'initiator\')');
  await audio.session.hold();
  await settle();
  await write('session-info-hold.xml', audio.romeo.take(), ROMEO, 'MediaSession.hold()');
  await audio.session.resume();
  await settle();
  await write('session-info-unhold.xml', audio.romeo.take(), ROMEO, 'MediaSession.resume()');
  audio.session.end('success');
  await settle();
  await write('session-terminate-success.xml', audio.romeo.take(), ROMEO, 'MediaSession.end(\'success\')');

  const declined = await call('chrome', 'audio', { accept: false, suffix: '-declined' });
  await rm(path.join(OUT, 'session-initiate-audio-declined.xml'));
  written.pop();
  declined.incoming.decline();
  await settle();
  await write('session-terminate-decline.xml', declined.juliet.take(), JULIET,
    'MediaSession.decline() by the responder of an incoming audio session');

  // Audio + video, and audio + video + data channel (BUNDLE): initiate and accept.
  await call('chrome', 'audio-video', { accept: true, stanzaSdp: true });
  await call('chrome', 'audio-video-data', { accept: true, stanzaSdp: true });
  // Firefox's SDP through StanzaJS (media-level msid, sorted attributes, extmap directions).
  await call('firefox', 'audio-video', { accept: true, suffix: '-firefox', stanzaSdp: true });

  // ICE restart by the initiator: StanzaJS sends one transport-info with every content's new ufrag/pwd.
  const restart = await call('chrome', 'ice-restart-initial', { accept: false });
  await rm(path.join(OUT, 'session-initiate-ice-restart-initial.xml'));
  written.pop();
  restart.romeoPc.script.restartOffer = await readText('chrome/ice-restart-offer.sdp');
  restart.session.state = 'active';
  await restart.session.restartIce();
  await settle();
  await write('transport-info-ice-restart.xml', restart.romeo.take(), ROMEO,
    'MediaSession.restartIce() with chrome/ice-restart-offer.sdp (createOffer({iceRestart: true}) output)');

  await writeFile(path.join(OUT, 'SOURCES.md'), sources());
}

function sources() {
  const version = JSON.parse(require('node:fs').readFileSync(
    path.join(here, 'node_modules/stanza/package.json'), 'utf8')).version;
  const lines = [
    '# StanzaJS Jingle fixtures (genuine output)',
    '',
    'Generated by `node test-harness/js/gen-stanza-fixtures.mjs` (after `npm ci` in test-harness/js and after',
    '`gen-fixtures.mjs`, whose browser SDP it reads). Do not edit by hand: regenerate.',
    '',
    '- Producing software: StanzaJS (npm `stanza`) ' + version + ', on Node.js ' + process.version,
    '- Date (UTC): ' + new Date().toISOString(),
    '- Input: the Chromium (and one Firefox) SDP of ../chrome and ../firefox; see their SOURCES.md.',
    '',
    '## How they were made',
    '',
    'Node has no RTCPeerConnection, so each StanzaJS MediaSession gets a scripted stand-in whose',
    'createOffer()/createAnswer() return the captured browser SDP and whose icecandidate events replay the',
    'captured candidates (the null event after switching localDescription to the gathered SDP, as the browser',
    'does). All the rest is StanzaJS\'s own unmodified code: `SessionManager` and `MediaSession` (from',
    '`stanza/jingle`) decide which stanzas to send (`start`, `accept`, `ring`, `mute`, `hold`, `restartIce`,',
    '`end`, `decline`, and `onIceCandidate`/`onIceEndOfCandidates`), its `importFromSDP` +',
    '`convertIntermediateToRequest` make the Jingle, and `client.stanzas.export(\'iq\', ...)` (the registry its',
    'WebSocket transport serialises with) writes the XML. The responder is a second StanzaJS SessionManager',
    'that processed the initiator\'s session-initiate. Each file is one `<iq type=\'set\'>` with the `from` a',
    'server stamps on it (StanzaJS sends none); `id` and `sid` are StanzaJS\'s random UUIDs. Initiator',
    '`' + ROMEO + '`, responder `' + JULIET + '`.',
    '',
    '## Files',
    '',
  ];
  lines.push(...bullets(written, (file) => '`' + file.name + '`: ' + file.note));
  lines.push('');
  lines.push('## What StanzaJS does (visible in these files)');
  lines.push('');
  lines.push(...bullets(STANZA_NOTES));
  lines.push('');
  return lines.join('\n');
}

const STANZA_NOTES = [
  'No `initiator`/`responder` attribute on `<jingle>`; every content says `creator=\'initiator\'`, also in the '
    + 'responder\'s transport-info; `senders` only when not both.',
  'Offer transports carry `ufrag`, `pwd` and `<fingerprint xmlns=\'urn:xmpp:jingle:apps:dtls:0\'>` with '
    + '`setup=\'actpass\'` (answers: the browser\'s `active`), no candidates (they trickle).',
  'Trickle: one transport-info per candidate, content named by sdpMid, transport with `ufrag` and no `pwd`; '
    + '`<candidate/>` has component, foundation, ip, port, priority, protocol, type (and rel-addr/rel-port, '
    + 'tcptype when present) but no `id`, `generation` or `network`. The end of gathering is a transport-info '
    + 'on the first content with an empty transport holding StanzaJS\'s own `<gathering-complete/>` '
    + '(not in any XEP).',
  'ICE restart: one transport-info listing every content with the new `ufrag`/`pwd` and the fingerprint '
    + '(and, for the data content, the `<sctpmap/>`), no candidates.',
  'The data channel content has no `<description>` at all: only a transport with '
    + '`<sctpmap xmlns=\'urn:xmpp:jingle:transports:dtls-sctp:1\' number=\'5000\' '
    + 'protocol=\'webrtc-datachannel\'/>` (the XEP-0343 form; `max-message-size` is dropped).',
  'RTP description: `ssrc` attribute, `<rtcp-mux/>`, `<rtcp-reduced-size/>` (from `a=rtcp-rsize`), payload types '
    + 'always with `channels` (1 when the SDP has none), fmtp as `<parameter name value/>`, and a value-only fmtp '
    + 'token (RED `111/111`, telephone-event `0-15`) as `<parameter name=\'111/111\'/>` with no value; rtcp-fb '
    + 'inside each payload type and rtp-hdrext with XEP-0294 namespaces written with prefixes (`rtcpf:`, `rtph:`).',
  'Firefox\'s `a=extmap:<id>/recvonly` in an offer becomes `senders=\'responder\'` on the rtp-hdrext.',
  'XEP-0339 `<source>` with `cname` and `msid` parameters (Firefox: `cname` only, since its ssrc lines carry no '
    + 'msid), `<ssrc-group semantics=\'FID\'>`, and the non-standard `<stream xmlns=\'urn:xmpp:jingle:apps:rtp:msid:0\' '
    + 'id track/>` from the media-level `a=msid`. No `<extmap-allow-mixed/>`.',
  'BUNDLE as XEP-0338 `<group xmlns=\'urn:xmpp:jingle:apps:grouping:0\' semantics=\'BUNDLE\'>` after the contents.',
  'session-info: `<ringing/>`, `<mute creator=\'initiator\'/>` (no name), `<unmute/>`, `<hold/>`, and `<active/>` '
    + 'for resume (no `<unhold/>`). session-terminate: `<reason><success/></reason>` without text; decline is '
    + '`<reason><decline/></reason>`.',
  'Its own Jingle -> SDP (the `*.stanzajs-remote.sdp.txt` files) loses the RED fmtp `111/111` and the '
    + '`a=ssrc:<n> msid:` lines, and writes its own origin `o=thisisadapterortc ...`.',
];

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
