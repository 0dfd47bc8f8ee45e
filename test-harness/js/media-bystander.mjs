#!/usr/bin/env node
// A real call that must outlive attacks on the gateway: two softphone pages in one headless Chromium, both browser
// users on the gateway's own domain, in an audio call through the gateway with media flowing between them. Used by
// the hostile-input suite (HostileInputIT): it sets the call up, then answers each line it reads on stdin.
//
//   node test-harness/js/media-bystander.mjs --page http://127.0.0.1:PORT/ [--domain gw.localhost]
//        [--caller mia] [--callee noah]                                            (npm ci first)
//
// Standard input, one command a line:
//   sample   wait (up to 10 s) until both pages' inbound audio grew by 1000 bytes since the last sample, then print
//   state    print at once, without waiting for growth (for a call that is expected to have ended)
//   quit     close Chromium and exit 0 (end of input does the same)
// Standard output, one JSON object a line:
//   {"type":"ready","pages":{caller:{...},callee:{...}}}       the call is connected both ways
//   {"type":"sample"|"state","pages":{<name>:{state,connectionState,inbound:{audio,video},lastHangup}}}
//   {"type":"failure","step":..,"error":..,"pages":{<name>:{state,lastHangup,lastError,events}}}
// Exit status 0 after quit, 1 when the call could not be set up, 2 for bad arguments or when Chromium cannot start.
//
// Traffic stays on this machine: no ICE servers, mDNS host obfuscation off, fake media.
import readline from 'node:readline';
import { launchChromiumOrExit } from './lib/browsers.mjs';
import { GROWTH_WAIT_MS, MIN_GROWTH, Phone, print } from './lib/softphone.mjs';

function parseArgs(argv) {
  const args = { domain: 'gw.localhost', caller: 'mia', callee: 'noah' };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i];
    const value = argv[i + 1];
    if (key === '--page') { args.page = value; }
    else if (key === '--domain') { args.domain = value; }
    else if (key === '--caller') { args.caller = value; }
    else if (key === '--callee') { args.callee = value; }
    else { throw new Error('unknown argument ' + key); }
  }
  if (!args.page) {
    throw new Error('usage: media-bystander.mjs --page URL [--domain D] [--caller NAME] [--callee NAME]');
  }
  return args;
}

async function snapshot(phone) {
  const s = await phone.stats();
  return {
    state: s.state,
    connectionState: s.connectionState,
    inbound: s.inbound,
    lastHangup: await phone.read(() => window.softphone.lastHangup),
  };
}

async function snapshots(phones) {
  const out = {};
  for (const p of phones) {
    out[p.name] = await snapshot(p);
  }
  return out;
}

/** Waits until every page's inbound audio grew by MIN_GROWTH.audio since `last` (or the wait ends). */
async function grownSince(phones, last) {
  const deadline = Date.now() + GROWTH_WAIT_MS;
  for (;;) {
    const now = await snapshots(phones);
    const grown = phones.every((p) => now[p.name].inbound.audio - last[p.name].inbound.audio >= MIN_GROWTH.audio);
    if (grown || Date.now() > deadline) {
      return now;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(e.message + '\n');
    process.exit(2);
  }
  const browser = await launchChromiumOrExit();
  const phones = [];
  let step = 'open pages';
  try {
    for (const name of [args.caller, args.callee]) {
      const context = await browser.newContext({ permissions: ['microphone'] });
      const phone = new Phone(name, await context.newPage());
      await phone.open(args.page, name);
      phones.push(phone);
    }
    const [caller, callee] = phones;
    step = 'place the call';
    await caller.page.fill('#to', callee.name + '@' + args.domain);
    await caller.page.check('input[name=media][value=audio]');
    await caller.page.click('#call');
    await callee.waitState('incoming call', ['incoming']);
    await callee.page.click('#answer');
    await caller.waitConnected('connectionState connected');
    await callee.waitConnected('connectionState connected');
    step = 'first media';
    const first = await snapshots(phones);
    let last = await grownSince(phones, first);
    // a call that never carried audio is no bystander: fail here rather than blame the first attack
    for (const p of phones) {
      if (last[p.name].inbound.audio - first[p.name].inbound.audio < MIN_GROWTH.audio) {
        throw new Error(p.name + ' received no audio within ' + GROWTH_WAIT_MS + ' ms of connecting');
      }
    }
    print({ type: 'ready', pages: last });
    const lines = readline.createInterface({ input: process.stdin });
    for await (const line of lines) {
      const command = line.trim();
      if (command === 'quit') {
        break;
      } else if (command === 'sample') {
        last = await grownSince(phones, last);
        print({ type: 'sample', pages: last });
      } else if (command === 'state') {
        print({ type: 'state', pages: await snapshots(phones) });
      } else if (command !== '') {
        print({ type: 'failure', step: 'read a command', error: 'unknown command ' + command, pages: {} });
      }
    }
  } catch (e) {
    const pages = {};
    for (const phone of phones) {
      pages[phone.name] = await phone.dump();
    }
    print({ type: 'failure', step: e.step || step, error: e.message, pages });
    process.exitCode = 1;
  } finally {
    await browser.close().catch(() => {});
  }
}

await main();
