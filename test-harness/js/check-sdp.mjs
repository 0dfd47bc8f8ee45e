#!/usr/bin/env node
// Proves that real Chromium accepts SDP offers: each .sdp file is given to a fresh RTCPeerConnection as the
// remote offer, then an answer is created and set as local description.
//
//   node test-harness/js/check-sdp.mjs [--browser chromium|firefox] [--send-media] [--write-answers OUTDIR]
//       DIR|FILE...   (npm ci first)
//
// With --write-answers, Chromium's answer to each accepted offer is written to OUTDIR/<name>.answer.sdp
// (createAnswer() output, CRLF, no candidates since nothing is gathered): real browser answers to the SDP
// the mapper makes from Jingle, for the session-accept direction. With --send-media the answerer first
// attaches one fake audio and one fake video track to the offered audio/video transceivers (one of each
// kind), so the answer sends as well as receives.
//
// Prints one JSON line per file on standard output:
//   {"file":"<path>","ok":true,"mids":[...],"rejectedMids":[...],"removedMdnsCandidates":0}
//   {"file":"<path>","ok":false,"step":"setRemoteDescription","error":"<DOMException name>: <message>"}
// (`rejectedMids`: m-lines Chromium answered with port 0.) Exit status 0 when every file was accepted, 1 when
// one was not, 2 for bad arguments or when Chromium could not be started.
//
// No traffic leaves the machine: Chromium runs with a WebRTC IP handling policy that gathers no candidates,
// so it never runs connectivity checks against candidates in the offer, every peer connection is closed
// right after the answer is set, and a=candidate lines with an mDNS ".local" address are removed before the
// offer is handed over (and counted), since resolving them would send multicast. Firefox (puppeteer-core,
// the default is Chromium) has no such policy: every a=candidate line is removed before its offer is handed
// over, so it has nothing to check against (candidates play no part in whether a description is taken).
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { serve } from './lib/serve.mjs';
import { launchChromium, launchFirefox } from './lib/browsers.mjs';

const NO_NETWORK_ARGS = ['--force-webrtc-ip-handling-policy=disable_non_proxied_udp'];

async function inputFiles(args) {
  const files = [];
  for (const arg of args) {
    const info = await stat(arg);
    if (info.isDirectory()) {
      const names = (await readdir(arg)).filter((name) => name.endsWith('.sdp')).sort();
      files.push(...names.map((name) => path.join(arg, name)));
    } else {
      files.push(arg);
    }
  }
  return files;
}

function withoutMdnsCandidates(sdp, all) {
  const lines = sdp.split(/(?<=\n)/);
  const kept = lines.filter((line) => !(all ? /^a=candidate:/i : /^a=candidate:\S+ \d+ \S+ \d+ \S+\.local /i)
    .test(line));
  return { sdp: kept.join(''), removed: lines.length - kept.length };
}

// Runs in the page.
async function check({ sdp, sendMedia }) {
  const pc = new RTCPeerConnection({ iceServers: [] });
  let step = 'setRemoteDescription';
  try {
    await pc.setRemoteDescription({ type: 'offer', sdp });
    if (sendMedia) {
      step = 'addTrack';
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
      for (const transceiver of pc.getTransceivers()) {
        const kind = transceiver.receiver.track.kind;
        const track = stream.getTracks().find((t) => t.kind === kind);
        if (track && !pc.getSenders().some((sender) => sender.track === track)) {
          await transceiver.sender.replaceTrack(track);
          transceiver.sender.setStreams(stream);
          transceiver.direction = 'sendrecv';
        }
      }
    }
    step = 'createAnswer';
    const answer = await pc.createAnswer();
    step = 'setLocalDescription';
    await pc.setLocalDescription(answer);
    const mids = [];
    const rejectedMids = [];
    for (const section of answer.sdp.split(/\r\n(?=m=)/).slice(1)) {
      const mid = (/\r\na=mid:(\S+)/.exec(section) || [])[1] ?? null;
      mids.push(mid);
      if (/^m=\S+ 0 /.test(section)) {
        rejectedMids.push(mid);
      }
    }
    return { ok: true, mids, rejectedMids, answer: answer.sdp };
  } catch (error) {
    return { ok: false, step, error: error.name + ': ' + error.message };
  } finally {
    pc.close();
  }
}

async function main() {
  const args = process.argv.slice(2);
  let answersDir = null;
  const sendMedia = args.includes('--send-media');
  let engine = 'chromium';
  const browserFlag = args.indexOf('--browser');
  if (browserFlag >= 0) {
    engine = args[browserFlag + 1];
    args.splice(browserFlag, 2);
    if (!['chromium', 'firefox'].includes(engine)) {
      console.error('--browser must be chromium or firefox');
      return 2;
    }
  }
  if (sendMedia) {
    args.splice(args.indexOf('--send-media'), 1);
  }
  const flag = args.indexOf('--write-answers');
  if (flag >= 0) {
    answersDir = args[flag + 1];
    args.splice(flag, 2);
  }
  if (args.length === 0 || answersDir === undefined) {
    console.error('usage: node check-sdp.mjs [--browser chromium|firefox] [--send-media] [--write-answers OUTDIR]'
      + ' DIR|FILE... '
      + '(every .sdp file of a directory is checked)');
    return 2;
  }
  if (answersDir !== null) {
    await mkdir(answersDir, { recursive: true });
  }
  let files;
  try {
    files = await inputFiles(args);
  } catch (error) {
    console.error('cannot read ' + error.path + ': ' + error.code);
    return 2;
  }
  const server = await serve();
  let browser;
  try {
    browser = engine === 'chromium' ? await launchChromium(NO_NETWORK_ARGS) : await launchFirefox();
  } catch (error) {
    await server.close();
    console.error('cannot start ' + engine + ': ' + error.message.split('\n')[0]);
    return 2;
  }
  let failures = 0;
  try {
    await browser.page.goto(server.url);
    for (const file of files) {
      const { sdp, removed } = withoutMdnsCandidates(await readFile(file, 'utf8'), engine === 'firefox');
      const result = await browser.page.evaluate(check, { sdp, sendMedia });
      if (!result.ok) {
        failures++;
      }
      const { answer, ...line } = { file, ...result };
      if (result.ok) {
        line.removedMdnsCandidates = removed;
        if (answersDir !== null) {
          line.answerFile = path.join(answersDir, path.basename(file, '.sdp') + '.answer.sdp');
          await writeFile(line.answerFile, answer);
        }
      }
      process.stdout.write(JSON.stringify(line) + '\n');
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.error(files.length + ' checked, ' + (files.length - failures) + ' accepted, ' + failures + ' rejected by '
    + browser.name + ' ' + browser.version);
  return failures === 0 ? 0 : 1;
}

process.exitCode = await main();
