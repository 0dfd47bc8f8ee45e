#!/usr/bin/env node
// Proves that a real browser that offers BUNDLE (audio, video and a data channel) takes an answer without BUNDLE,
// as the gateway writes it for a peer that sends no XEP-0338 group (Dino), and ends with one transport per m-line.
//
//   node test-harness/js/unbundled-answer.mjs --browser chromium|firefox --policy balanced|max-bundle --dir DIR
//
// The page makes its offer and gathers; the offer (after gathering) and its candidates go to DIR/<name>.offer.sdp
// and DIR/<name>.offer-candidates.json (<name> = <browser>-<policy>). The script then waits up to 60 s for
// DIR/<name>.answer.sdp (written by the Java test from the mapper's translation), sets it as remote description,
// trickles DIR/<name>.answer-candidates.json (one {candidate, sdpMid, sdpMLineIndex} per line: the peer's trickled
// candidates per content) and prints one JSON line:
//   {"type":"result","ok":true,"localMidsWithCandidates":[...],"remoteGroup":null,"transports":{"0":1,"1":2},
//    "distinctTransports":true,"addedCandidates":[...], ...}  or {"type":"result","ok":false,"step":..,"error":..}
// Exit 0 when the run finished (ok true or false is the test's to judge), 2 when the browser could not start.
// Traffic stays on this machine: no ICE servers, no mDNS names; the answer's candidates are 127.0.0.1.
import { readFile, writeFile, rename, access } from 'node:fs/promises';
import path from 'node:path';
import { serve } from './lib/serve.mjs';
import { launchChromium, launchFirefox } from './lib/browsers.mjs';

const args = {};
for (let i = 2; i < process.argv.length; i += 2) {
  args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
}
if (!['chromium', 'firefox'].includes(args.browser) || !['balanced', 'max-bundle'].includes(args.policy)
    || !args.dir) {
  process.stderr.write('usage: unbundled-answer.mjs --browser chromium|firefox --policy balanced|max-bundle'
    + ' --dir DIR\n');
  process.exit(2);
}
const name = args.browser + '-' + args.policy;
const file = (suffix) => path.join(args.dir, name + suffix);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Runs in the page: the offer, gathered.
async function offer(policy) {
  const pc = new RTCPeerConnection({ iceServers: [], bundlePolicy: policy });
  window.unbundledPc = pc;
  window.localCandidates = [];
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
  for (const track of stream.getTracks()) {
    pc.addTrack(track, stream);
  }
  pc.createDataChannel('chat');
  const gathered = new Promise((resolve) => {
    pc.onicecandidate = (e) => {
      if (e.candidate === null) {
        resolve();
      } else if (e.candidate.candidate) {
        window.localCandidates.push({ candidate: e.candidate.candidate, sdpMid: e.candidate.sdpMid,
          sdpMLineIndex: e.candidate.sdpMLineIndex, usernameFragment: e.candidate.usernameFragment });
      }
    };
  });
  await pc.setLocalDescription(await pc.createOffer());
  await gathered;
  return { sdp: pc.localDescription.sdp, candidates: window.localCandidates };
}

// Runs in the page: the answer, then the peer's trickled candidates.
async function answer({ sdp, trickle }) {
  const pc = window.unbundledPc;
  let step = 'setRemoteDescription';
  try {
    await pc.setRemoteDescription({ type: 'answer', sdp });
    step = 'addIceCandidate';
    const added = [];
    for (const c of trickle) {
      await pc.addIceCandidate(c);
      added.push(c.sdpMid);
    }
    const transports = {};
    const seen = [];
    for (const t of pc.getTransceivers()) {
      if (t.mid === null || t.stopped || t.currentDirection === 'stopped') {
        continue;
      }
      const transport = t.sender.transport;
      if (transport) {
        let index = seen.indexOf(transport);
        if (index < 0) {
          seen.push(transport);
          index = seen.length - 1;
        }
        transports[t.mid] = index + 1;
      }
    }
    const remoteByMid = {};
    for (const section of pc.remoteDescription.sdp.split(/\r\n(?=m=)/).slice(1)) {
      const mid = (/\r\na=mid:(\S+)/.exec(section) || [])[1];
      remoteByMid[mid] = {
        port: Number(/^m=\S+ (\d+)/.exec(section)[1]),
        ufrag: (/\r\na=ice-ufrag:(\S+)/.exec(section) || [])[1] || null,
        candidates: (section.match(/\r\na=candidate:/g) || []).length,
      };
    }
    const group = /\r\na=group:(.*)\r\n/.exec(pc.remoteDescription.sdp);
    const accepted = Object.keys(transports);
    return {
      ok: true,
      signalingState: pc.signalingState,
      remoteGroup: group ? group[1] : null,
      localGroup: (/\r\na=group:(.*)\r\n/.exec(pc.localDescription.sdp) || [])[1] || null,
      remoteByMid,
      transports,
      distinctTransports: accepted.length > 0 && new Set(Object.values(transports)).size === accepted.length,
      addedCandidates: added,
      localMidsWithCandidates: [...new Set(window.localCandidates.map((c) => c.sdpMid))].sort(),
    };
  } catch (error) {
    return { ok: false, step, error: error.name + ': ' + error.message };
  } finally {
    pc.close();
  }
}

/** Writes a file whole under a temporary name, then renames it: whoever waits for the name reads all of it. */
async function writeWhole(target, text) {
  await writeFile(target + '.part', text);
  await rename(target + '.part', target);
}

/** Waits for a file the Java test writes whole (renamed into place, answer.sdp last). */
async function waitFor(target) {
  const end = Date.now() + 60000;
  while (Date.now() < end) {
    try {
      await access(target);
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error('no ' + target + ' after 60 s');
}

async function main() {
  const server = await serve();
  let browser;
  try {
    browser = args.browser === 'chromium' ? await launchChromium() : await launchFirefox();
  } catch (error) {
    await server.close();
    console.error('cannot start ' + args.browser + ': ' + error.message.split('\n')[0]);
    return 2;
  }
  try {
    await browser.page.goto(server.url);
    const made = await browser.page.evaluate(offer, args.policy);
    await writeWhole(file('.offer-candidates.json'), JSON.stringify(made.candidates));
    await writeWhole(file('.offer.sdp'), made.sdp);
    await waitFor(file('.answer.sdp'));
    const sdp = await readFile(file('.answer.sdp'), 'utf8');
    const trickle = JSON.parse(await readFile(file('.answer-candidates.json'), 'utf8'));
    const result = await browser.page.evaluate(answer, { sdp, trickle });
    process.stdout.write(JSON.stringify({ type: 'result', browser: browser.name, version: browser.version,
      policy: args.policy, ...result }) + '\n');
    return 0;
  } catch (error) {
    process.stdout.write(JSON.stringify({ type: 'result', ok: false, step: 'script', error: error.message })
      + '\n');
    return 1;
  } finally {
    await browser.close();
    await server.close();
  }
}

process.exitCode = await main();
