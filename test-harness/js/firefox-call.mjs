#!/usr/bin/env node
// The second browser engine: Debian's Firefox ESR (puppeteer-core over WebDriver BiDi) and Chromium (playwright-core)
// call each other through the gateway, each in the gateway's softphone page. Firefox's SDP differs where mappers
// break (media-level msid, a=extmap with directions, its own codec list), so this is the interop proof that one
// engine's offer, translated SDP -> Jingle -> SDP by the gateway, is accepted by the other.
//
//   node test-harness/js/firefox-call.mjs --page http://127.0.0.1:GW/ [--domain gw.localhost]    (npm ci first)
//
// Scenario: alice (Firefox) calls carol (Chromium) with audio+video; carol answers; media is sampled on both
// pages; carol hangs up. Standard output: {"type":"setup",...}, then {"type":"result",...} or
// {"type":"failure",...}; exit 1 when a step failed, 2 when a browser cannot start.
// Traffic stays on this machine: no ICE servers, Firefox's mDNS host obfuscation off (no multicast).
import { launchChromium, launchFirefox } from './lib/browsers.mjs';
import { GROWTH_WAIT_MS, MIN_GROWTH, STEP_MS, print } from './lib/softphone.mjs';

const args = { domain: 'gw.localhost' };
for (let i = 2; i < process.argv.length; i += 2) {
  args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
}
if (!args.page) {
  process.stderr.write('usage: firefox-call.mjs --page URL [--domain D]\n');
  process.exit(2);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A softphone page in either engine, driven by DOM clicks inside the page (the same code for both drivers). */
class EnginePhone {
  constructor(name, handle) {
    this.name = name;
    this.handle = handle;
    handle.page.onConsole((type, text) => process.stderr.write(`[${name} console.${type}] ${text}\n`));
  }

  eval(fn, arg) {
    return this.handle.page.evaluate(fn, arg);
  }

  async until(what, fn, arg) {
    const end = Date.now() + STEP_MS;
    while (Date.now() < end) {
      if (await this.eval(fn, arg)) {
        return;
      }
      await sleep(50);
    }
    const state = await this.eval(() => window.softphone && window.softphone.state).catch(() => '?');
    throw Object.assign(new Error(`${this.name}: ${what} timed out after ${STEP_MS} ms (state ${state})`),
      { step: this.name + ': ' + what });
  }

  click(selector) {
    return this.eval((s) => document.querySelector(s).click(), selector);
  }

  async register(url, user) {
    await this.handle.page.goto(url);
    await this.until('page loaded', () => !!window.softphone);
    await this.eval((u) => { document.getElementById('user').value = u; }, user);
    await this.click('#register');
    await this.until('registered', () => window.softphone.jid !== null);
  }

  stats() {
    return this.eval(() => window.softphone.stats());
  }
}

async function growth(phones, kinds) {
  const before = {};
  for (const p of phones) {
    before[p.name] = await p.stats();
  }
  const end = Date.now() + GROWTH_WAIT_MS;
  const after = {};
  for (;;) {
    await sleep(500);
    let grown = true;
    for (const p of phones) {
      after[p.name] = await p.stats();
      grown = grown && kinds.every((k) => after[p.name].inbound[k] - before[p.name].inbound[k] >= MIN_GROWTH[k]);
    }
    if (grown || Date.now() > end) {
      return { before, after };
    }
  }
}

let firefox;
let chromium;
try {
  firefox = await launchFirefox();
  chromium = await launchChromium(['--autoplay-policy=no-user-gesture-required']);
} catch (e) {
  process.stderr.write('cannot start a browser: ' + e.message + '\n');
  await firefox?.close().catch(() => {});
  process.exit(2);
}
const alice = new EnginePhone('alice', firefox);
const carol = new EnginePhone('carol', chromium);
try {
  await alice.register(args.page, 'alice');
  await carol.register(args.page, 'carol');
  await alice.eval((to) => {
    document.getElementById('to').value = to;
    document.querySelector('input[name=media][value=video]').checked = true;
  }, 'carol@' + args.domain);
  const started = Date.now();
  await alice.click('#call');
  await carol.until('incoming call', () => window.softphone.state === 'incoming');
  await carol.click('#answer');
  await alice.until('connected', () => window.softphone.connectionState === 'connected');
  await carol.until('connected', () => window.softphone.connectionState === 'connected');
  print({ type: 'setup', scenario: 'firefox-calls-chromium', ms: Date.now() - started });
  const media = await growth([alice, carol], ['audio', 'video']);
  await carol.click('#hangup');
  await carol.until('call ended', () => window.softphone.state === 'ended');
  await alice.until('call ended', () => window.softphone.state === 'ended');
  print({ type: 'result', scenario: 'firefox-calls-chromium', firefox: firefox.version, chromium: chromium.version,
    media, hangup: { alice: await alice.eval(() => window.softphone.lastHangupReason),
      carol: await carol.eval(() => window.softphone.lastHangupReason) } });
} catch (e) {
  const pages = {};
  for (const p of [alice, carol]) {
    pages[p.name] = await p.eval(() => ({ state: window.softphone.state, lastError: window.softphone.lastError,
      descriptions: window.softphone.descriptions() })).catch((x) => ({ unreadable: String(x) }));
  }
  print({ type: 'failure', step: e.step || 'firefox-calls-chromium', error: e.message, pages });
  process.exitCode = 1;
} finally {
  await firefox.close().catch(() => {});
  await chromium.close().catch(() => {});
}
