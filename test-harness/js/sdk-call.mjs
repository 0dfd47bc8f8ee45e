#!/usr/bin/env node
// The browser SDK on its own: the gateway's SDK example page (/sdk/example.html, which uses nothing but
// /sdk/jingle-gateway.js) in Chromium or Firefox calls the gateway's softphone (Chromium) and a StanzaJS page
// (Chromium, a real XMPP client logged in to Prosody), through a running gateway.
//
//   node test-harness/js/sdk-call.mjs --page http://127.0.0.1:GW/ --engine chromium|firefox
//        --ws ws://127.0.0.1:PROSODY/xmpp-websocket --jid alice@localhost --password PW [--domain gw.localhost]
//        [--resume yes]                                                               (npm ci first)
//
// Scenarios, in order:
//   sdk-calls-softphone  the SDK page (user dana) calls carol's softphone with audio+video; carol answers; media is
//                        sampled on both pages; with --resume yes, carol's softphone then drops its socket
//                        (window.softphone.dropSocket(), as a network failure would), resumes, and media is
//                        sampled again; the SDK page hangs up.
//   stanza-calls-sdk     StanzaJS calls the SDK page's full JID with audio+video (a direct offer: StanzaJS has no
//                        XEP-0353); the SDK page answers; media sampled; StanzaJS hangs up.
//   sdk-calls-stanza     the SDK page calls StanzaJS's full JID with audio+video; StanzaJS answers by itself; media
//                        sampled; the SDK page hangs up.
// Standard output: {"type":"setup",...} and {"type":"result",...} per scenario, {"type":"failure",...} on a failed
// step; exit 1 when a step failed, 2 when a browser cannot start or the arguments are wrong.
// Traffic stays on this machine: no ICE servers, mDNS host obfuscation off, fake media.
import { CHROMIUM_ARGS, CHROMIUM_PATH, FIREFOX_PATH, FIREFOX_PREFS } from './lib/browsers.mjs';
import { GROWTH_WAIT_MS, MIN_GROWTH, STEP_MS, print } from './lib/softphone.mjs';
import { serveStanzaClient } from './lib/stanza-page.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function parseArgs(argv) {
  const args = { domain: 'gw.localhost', resume: 'no' };
  for (let i = 0; i < argv.length; i += 2) {
    args[argv[i].replace(/^--/, '')] = argv[i + 1];
  }
  const missing = ['page', 'engine', 'ws', 'jid', 'password'].filter((k) => !args[k]);
  if (missing.length || !['chromium', 'firefox'].includes(args.engine)) {
    throw new Error('usage: sdk-call.mjs --page URL --engine chromium|firefox --ws URL --jid JID --password PW'
      + ' [--domain D] [--resume yes|no]');
  }
  return args;
}

/** One page in either engine, read and driven only through page.evaluate (the same code for both drivers). */
class Page {
  constructor(name, page, status) {
    this.name = name;
    this.page = page;
    this.status = status;   // an expression for failure messages
    page.on('console', (m) => process.stderr.write(`[${name} console.${m.type()}] ${m.text()}\n`));
  }

  eval(fn, arg) {
    return this.page.evaluate(fn, arg);
  }

  async until(what, fn, arg, timeout = STEP_MS) {
    const end = Date.now() + timeout;
    while (Date.now() < end) {
      if (await this.eval(fn, arg).catch(() => false)) {
        return;
      }
      await sleep(50);
    }
    const status = await this.eval(this.status).catch((e) => String(e));
    throw Object.assign(new Error(`${this.name}: ${what} timed out after ${timeout} ms (${JSON.stringify(status)})`),
      { step: this.name + ': ' + what });
  }
}

const SDK_STATUS = () => ({ client: window.example.client && window.example.client.state,
  call: window.example.call && window.example.call.state, ended: window.example.ended,
  errors: window.example.errors, descriptions: window.example.call && window.example.call.descriptions() });
const PHONE_STATUS = () => ({ state: window.softphone.state, connection: window.softphone.connection,
  lastError: window.softphone.lastError, events: window.softphone.events.slice(-30) });
const STANZA_STATUS = () => ({ status: window.stanzaClient.status, events: window.stanzaClient.events });

// inbound/outbound bytes per kind, from each page's own hook
const STATS = {
  sdk: (p) => p.eval(() => (window.example.call ? window.example.call.stats() : null)),
  softphone: (p) => p.eval(() => window.softphone.stats()),
  stanza: (p) => p.eval(() => window.stanzaClient.stats()),
};

async function growth(pages, kinds) {
  const sample = async () => {
    const out = {};
    for (const p of pages) {
      out[p.name] = await STATS[p.kind](p);
    }
    return out;
  };
  const before = await sample();
  const end = Date.now() + GROWTH_WAIT_MS;
  for (;;) {
    await sleep(500);
    const after = await sample();
    const grown = pages.every((p) => kinds.every((k) => after[p.name].inbound[k] - before[p.name].inbound[k]
      >= MIN_GROWTH[k]));
    if (grown || Date.now() > end) {
      return { before, after };
    }
  }
}

async function sdkCallsSoftphone(sdk, phone, domain, resume) {
  const started = Date.now();
  await sdk.eval((to) => {
    document.getElementById('to').value = to;
    document.getElementById('call').click();
  }, 'carol@' + domain);
  await phone.until('incoming call', () => window.softphone.state === 'incoming');
  await phone.eval(() => document.getElementById('answer').click());
  await sdk.until('active', () => window.example.call.state === 'active');
  await phone.until('connected', () => window.softphone.connectionState === 'connected');
  print({ type: 'setup', scenario: 'sdk-calls-softphone', ms: Date.now() - started });
  const media = await growth([sdk, phone], ['audio', 'video']);
  const result = { media };
  if (resume) {
    const jid = await phone.eval(() => window.softphone.jid);
    await phone.eval(() => window.softphone.dropSocket());
    await phone.until('reconnecting', () => window.softphone.connection !== 'registered', undefined, 2000)
      .catch(() => {});   // the resume may already be done: what counts is the state after it
    await phone.until('registered again', () => window.softphone.connection === 'registered');
    result.resume = {
      jidBefore: jid,
      jidAfter: await phone.eval(() => window.softphone.jid),
      stateAfter: await phone.eval(() => window.softphone.state),
      sdkStateAfter: await sdk.eval(() => window.example.call.state),
      events: (await phone.eval(() => window.softphone.events)).filter((e) => /socket|register|resume/.test(e)),
    };
    result.afterResume = await growth([sdk, phone], ['audio', 'video']);
  }
  await sdk.eval(() => document.getElementById('hangup').click());
  await phone.until('call ended', () => window.softphone.state === 'ended');
  result.hangup = { sdk: await sdk.eval(() => window.example.ended),
    softphone: await phone.eval(() => window.softphone.lastHangup) };
  return result;
}

async function sdkCallsStanza(sdk, stanza, stanzaJid) {
  const started = Date.now();
  await sdk.eval((to) => {
    document.getElementById('to').value = to;
    document.getElementById('video').checked = true;
    document.getElementById('call').click();
  }, stanzaJid);
  await sdk.until('active', () => window.example.call.state === 'active');
  await stanza.until('connected', () => window.stanzaClient.connectionState === 'connected');
  print({ type: 'setup', scenario: 'sdk-calls-stanza', ms: Date.now() - started });
  const media = await growth([sdk, stanza], ['audio', 'video']);
  await sdk.eval(() => document.getElementById('hangup').click());
  await stanza.until('call ended', () => window.stanzaClient.status === 'ended');
  return { media, hangup: { sdk: await sdk.eval(() => window.example.ended),
    stanza: await stanza.eval(() => window.stanzaClient.lastEndReason) } };
}

async function stanzaCallsSdk(sdk, stanza) {
  const started = Date.now();
  const sdkJid = await sdk.eval(() => window.example.client.jid);
  await stanza.eval(([to]) => window.stanzaClient.call(to, true), [sdkJid]);
  await sdk.until('incoming call', () => window.example.call && window.example.call.state === 'incoming');
  await sdk.eval(() => document.getElementById('answer').click());
  await sdk.until('active', () => window.example.call.state === 'active');
  await stanza.until('connected', () => window.stanzaClient.connectionState === 'connected');
  print({ type: 'setup', scenario: 'stanza-calls-sdk', ms: Date.now() - started });
  const media = await growth([sdk, stanza], ['audio', 'video']);
  await stanza.eval(() => window.stanzaClient.hangup('success'));
  await sdk.until('call ended', () => window.example.call.state === 'ended');
  await stanza.until('call ended', () => window.stanzaClient.status === 'ended');
  return { media, hangup: { sdk: await sdk.eval(() => window.example.ended),
    stanza: await stanza.eval(() => window.stanzaClient.lastEndReason) } };
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(e.message + '\n');
    process.exit(2);
  }
  const server = await serveStanzaClient();
  const closers = [];
  let chromium;
  let sdkPage;
  let engineVersion;
  try {
    const { chromium: pw } = await import('playwright-core');
    chromium = await pw.launch({ executablePath: CHROMIUM_PATH, headless: true,
      args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'] });
    closers.push(() => chromium.close());
    const newPage = async () => (await chromium.newContext({ permissions: ['camera', 'microphone'] })).newPage();
    if (args.engine === 'firefox') {
      const puppeteer = (await import('puppeteer-core')).default;
      const firefox = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_PATH, headless: true,
        extraPrefsFirefox: FIREFOX_PREFS, env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' } });
      closers.push(() => firefox.close());
      sdkPage = await firefox.newPage();
      engineVersion = await firefox.version();
    } else {
      sdkPage = await newPage();
      engineVersion = chromium.version();
    }
    var pages = { sdk: sdkPage, softphone: await newPage(), stanza: await newPage() };
  } catch (e) {
    process.stderr.write('cannot start a browser: ' + e.message + '\n');
    for (const close of closers) {
      await close().catch(() => {});
    }
    server.close();
    process.exit(2);
  }
  const sdk = Object.assign(new Page('sdk', pages.sdk, SDK_STATUS), { kind: 'sdk' });
  const phone = Object.assign(new Page('softphone', pages.softphone, PHONE_STATUS), { kind: 'softphone' });
  const stanza = Object.assign(new Page('stanza', pages.stanza, STANZA_STATUS), { kind: 'stanza' });
  let step = 'open pages';
  try {
    await sdk.page.goto(new URL('sdk/example.html?user=dana', args.page).href);
    await sdk.until('registered', () => window.example.client && window.example.client.state === 'registered');
    await phone.page.goto(args.page);
    await phone.until('page loaded', () => !!window.softphone);
    await phone.eval(() => {
      document.getElementById('user').value = 'carol';
      document.getElementById('register').click();
    });
    await phone.until('registered', () => window.softphone.jid !== null);
    await stanza.page.goto(`http://127.0.0.1:${server.address().port}/`);
    const stanzaJid = await stanza.eval(([j, p, w]) => window.stanzaClient.login(j, p, w),
      [args.jid, args.password, args.ws]);
    step = 'sdk-calls-softphone';
    print({ type: 'result', scenario: step, engine: args.engine, version: engineVersion,
      ...await sdkCallsSoftphone(sdk, phone, args.domain, args.resume === 'yes') });
    step = 'stanza-calls-sdk';
    print({ type: 'result', scenario: step, engine: args.engine, ...await stanzaCallsSdk(sdk, stanza) });
    step = 'sdk-calls-stanza';
    print({ type: 'result', scenario: step, engine: args.engine, ...await sdkCallsStanza(sdk, stanza, stanzaJid) });
  } catch (e) {
    const dump = async (p) => p.eval(p.status).catch((x) => ({ unreadable: String(x) }));
    print({ type: 'failure', scenario: step, step: e.step || step, error: e.message,
      pages: { sdk: await dump(sdk), softphone: await dump(phone), stanza: await dump(stanza) } });
    process.exitCode = 1;
  } finally {
    for (const close of closers.reverse()) {
      await close().catch(() => {});
    }
    server.close();
  }
}

await main();
