#!/usr/bin/env node
// One softphone page in headless Chromium, driven one command at a time: for tests where something outside the
// browser takes turns with it (a desktop client clicked with xdotool: DinoCallIT). Registered as --user on the
// gateway's page, then reads JSON commands from standard input, one per line, and answers each with one line.
//
//   node test-harness/js/phone-driver.mjs --page http://127.0.0.1:PORT/ --user alice          (npm ci first)
//
// Commands ({"cmd": ..., ...}); every answer is {"type":"reply","cmd":..,"ok":true,...} or, when the step failed
// or timed out, {"type":"reply","cmd":..,"ok":false,"error":..,"page":{state,lastHangup,descriptions,events}}:
//   {"cmd":"call","to":JID,"media":"audio"|"video"}   fills the form and clicks Call
//   {"cmd":"waitState","states":[..],"timeoutMs":n}    until window.softphone.state is one of them; answers {state}
//   {"cmd":"answer"} / {"cmd":"hangup"}                clicks Answer / Hang up
//   {"cmd":"waitConnected","timeoutMs":n}              until the call's connectionState is connected
//   {"cmd":"growth","kinds":["audio",..],"waitMs":n}   samples, waits until every kind's inbound bytes grew (or
//                                                      waitMs, default 10 s, passed), samples again: {before, after}
//   {"cmd":"rawStats","types":[..]}                   the getStats() entries of those types, as they are
//   {"cmd":"dump"}                                     the page's state, descriptions and last events
//   {"cmd":"quit"}                                     closes Chromium and exits 0
// A sample is the page's own stats (window.softphone.stats()) plus, from every RTCPeerConnection the page made,
// per kind: remoteInbound = the peer's RTCP receiver reports about what we send ({present, reports, packetsLost}:
// present once a report block about our stream arrived, which the peer only writes for a source it receives),
// outboundPackets, and the peer's feedback on it (pli, fir, nack counts). "growth" waits for kinds like "audio"
// (inbound bytes grew) and "rtcp-audio" (a receiver report about our audio is there).
// Exit status 2 when the arguments are wrong or Chromium cannot start. Traffic stays on this machine (no ICE
// servers, no mDNS host obfuscation, fake media).
import { launchChromiumOrExit } from './lib/browsers.mjs';
import { GROWTH_WAIT_MS, MIN_GROWTH, Phone, STEP_MS, print, serveCommands } from './lib/softphone.mjs';

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (argv[i] === '--page') {
      args.page = argv[i + 1];
    } else if (argv[i] === '--user') {
      args.user = argv[i + 1];
    } else {
      throw new Error('unknown argument ' + argv[i]);
    }
  }
  if (!args.page || !args.user) {
    throw new Error('usage: phone-driver.mjs --page URL --user NAME');
  }
  return args;
}

// Keeps every RTCPeerConnection the page makes, so RTCP receiver reports (remote-inbound-rtp) can be read: the
// page's own stats() sums bytes only. Installed before the page's script runs; the page itself is unchanged.
function keepPeerConnections() {
  const Original = window.RTCPeerConnection;
  window.__peerConnections = [];
  window.RTCPeerConnection = function (...args) {
    const pc = new Original(...args);
    window.__peerConnections.push(pc);
    return pc;
  };
  window.RTCPeerConnection.prototype = Original.prototype;
  Object.setPrototypeOf(window.RTCPeerConnection, Original);
}

async function rtcpSample(page) {
  return page.evaluate(async () => {
    const blank = () => ({ remoteInbound: { present: false, reports: 0, packetsLost: 0 }, outboundPackets: 0, pli: 0,
      fir: 0, nack: 0 });
    const out = { audio: blank(), video: blank() };
    const live = window.__peerConnections.filter((pc) => pc.signalingState !== 'closed');
    const last = live[live.length - 1];
    if (!last) {
      return out;
    }
    (await last.getStats()).forEach((s) => {
      const kind = s.kind || s.mediaType;
      if (!(kind in out)) {
        return;
      }
      if (s.type === 'remote-inbound-rtp') {
        // Chromium 156 leaves out reportsReceived; each receiver report that echoes our sender report's time
        // is one round-trip measurement
        out[kind].remoteInbound.present = true;
        out[kind].remoteInbound.reports += s.reportsReceived || s.roundTripTimeMeasurements || 0;
        out[kind].remoteInbound.packetsLost += s.packetsLost || 0;
      } else if (s.type === 'outbound-rtp') {
        out[kind].outboundPackets += s.packetsSent || 0;
        out[kind].pli += s.pliCount || 0;
        out[kind].fir += s.firCount || 0;
        out[kind].nack += s.nackCount || 0;
      }
    });
    return out;
  });
}

async function sample(phone) {
  return { ...(await phone.stats()), rtcp: await rtcpSample(phone.page) };
}

async function growth(phone, kinds, waitMs) {
  const before = await sample(phone);
  const deadline = Date.now() + (waitMs || GROWTH_WAIT_MS);
  let after;
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    after = await sample(phone);
    const grown = kinds.every((k) => (k.startsWith('rtcp-') ? after.rtcp[k.slice(5)].remoteInbound.present
      : after.inbound[k] - before.inbound[k] >= MIN_GROWTH[k]));
    if (grown || Date.now() > deadline) {
      return { before, after };
    }
  }
}

const commands = {
  async call(phone, c) {
    await phone.page.fill('#to', c.to);
    await phone.page.check(`input[name=media][value=${c.media === 'video' ? 'video' : 'audio'}]`);
    await phone.page.click('#call');
    return {};
  },
  async waitState(phone, c) {
    await phone.waitFor('state ' + c.states.join('|'), (s) => s.includes(window.softphone.state), c.states,
      c.timeoutMs || STEP_MS);
    return { state: await phone.read(() => window.softphone.state) };
  },
  async answer(phone) {
    await phone.page.click('#answer');
    return {};
  },
  async hangup(phone) {
    await phone.page.click('#hangup');
    return {};
  },
  async waitConnected(phone, c) {
    await phone.waitFor('connectionState connected', () => window.softphone.connectionState === 'connected',
      undefined, c.timeoutMs || STEP_MS);
    return { stats: await sample(phone) };
  },
  async growth(phone, c) {
    return await growth(phone, c.kinds, c.waitMs);
  },
  async rawStats(phone, c) {
    const stats = await phone.page.evaluate(async (types) => {
      const live = window.__peerConnections.filter((pc) => pc.signalingState !== 'closed');
      const found = [];
      if (live.length) {
        (await live[live.length - 1].getStats()).forEach((s) => {
          if (types.includes(s.type)) {
            found.push(s);
          }
        });
      }
      return found;
    }, c.types);
    return { stats };
  },
  async dump(phone) {
    return { page: await phone.dump() };
  },
};

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(e.message + '\n');
    process.exit(2);
  }
  const browser = await launchChromiumOrExit();
  const context = await browser.newContext({ permissions: ['camera', 'microphone'],
    viewport: { width: 1280, height: 800 } });
  await context.addInitScript(keepPeerConnections);
  const phone = new Phone(args.user, await context.newPage());
  try {
    await phone.open(args.page, args.user);
    print({ type: 'ready', jid: phone.jid, chromium: browser.version() });
  } catch (e) {
    print({ type: 'reply', cmd: 'open', ok: false, error: e.message, page: await phone.dump() });
    await browser.close().catch(() => {});
    process.exit(1);
  }
  await serveCommands(commands, phone, () => phone.dump());
  await browser.close().catch(() => {});
}

await main();
