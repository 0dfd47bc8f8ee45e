#!/usr/bin/env node
// Browser resume with real pages (docs/protocol.md §8): a StanzaJS page calls a bare protocol page
// (resume-page/, not the softphone) through a real Prosody and the gateway, both in one headless Chromium; mid-call
// the protocol page closes its own WebSocket (test hook window.resumePage.dropAndResume), waits a moment and
// resumes the device on a new socket with its resume token. Media must keep flowing both ways across the gap and
// the call must still end cleanly.
//
//   node test-harness/js/resume-call.mjs --gateway-ws ws://127.0.0.1:GW/ws
//        --ws ws://127.0.0.1:PROSODY/xmpp-websocket --jid alice@localhost --password PW          (npm ci first)
//
// Pages are served from a loopback static server (another origin than the gateway's: the gateway must allow it).
// Standard output: one {"type":"result",...} line, or {"type":"failure",...}; exit 1 when a step failed, 2 when
// Chromium cannot start or the arguments are wrong.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromiumOrExit } from './lib/browsers.mjs';
import { servePages } from './lib/pages.mjs';
import { buildStanzaClient } from './lib/stanza-page.mjs';
import { STEP_MS, StepFailure, growth, print } from './lib/softphone.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
/** How long the page stays without a socket, with the call going on. */
const GAP_MS = 1500;

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    args[argv[i].replace(/^--/, '')] = argv[i + 1];
  }
  for (const k of ['gateway-ws', 'ws', 'jid', 'password']) {
    if (!args[k]) {
      process.stderr.write('usage: resume-call.mjs --gateway-ws URL --ws URL --jid JID --password PW\n');
      process.exit(2);
    }
  }
  return args;
}

/** A page read through a window hook object (resumePage or stanzaClient). */
class HookedPage {
  constructor(name, page, hook) {
    this.name = name;
    this.page = page;
    this.hook = hook;
    page.on('console', (m) => process.stderr.write(`[${name} console.${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => process.stderr.write(`[${name} pageerror] ${e.message}\n`));
  }

  async waitFor(step, fn, arg) {
    try {
      await this.page.waitForFunction(fn, arg, { polling: 20, timeout: STEP_MS });
    } catch (e) {
      throw new StepFailure(this.name + ': ' + step, `timed out after ${STEP_MS} ms`);
    }
  }

  stats() {
    return this.page.evaluate((h) => window[h].stats(), this.hook);
  }

  dump() {
    return this.page.evaluate((h) => ({ status: window[h].status, events: window[h].events }), this.hook)
      .catch((e) => ({ unreadable: String(e) }));
  }
}

async function resumeMidCall(stanza, phone, gatewayWs) {
  const jid = await phone.page.evaluate(([u, user]) => window.resumePage.register(u, user), [gatewayWs, 'dana']);
  await stanza.page.evaluate(([to]) => window.stanzaClient.call(to, false), [jid]);
  await phone.waitFor('connected', () => window.resumePage.connectionState === 'connected');
  await stanza.waitFor('connected', () => window.stanzaClient.connectionState === 'connected');
  const beforeDrop = await growth([stanza, phone], ['audio']);
  const resumed = await phone.page.evaluate((gap) => window.resumePage.dropAndResume(gap), GAP_MS);
  const afterResume = await growth([stanza, phone], ['audio']);
  await phone.page.evaluate(() => window.resumePage.hangup());
  await stanza.waitFor('call ended', () => window.stanzaClient.status === 'ended');
  return { jid, resumed, media: { beforeDrop, afterResume },
    hangup: { stanza: await stanza.page.evaluate(() => window.stanzaClient.lastEndReason),
      page: await phone.page.evaluate(() => window.resumePage.lastHangup) } };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const server = await servePages({ '/stanza/': buildStanzaClient(),
    '/': path.join(here, 'resume-page') });
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launchChromiumOrExit(server);
  let stanza;
  let phone;
  try {
    const context = () => browser.newContext({ permissions: ['microphone'] });
    phone = new HookedPage('page', await (await context()).newPage(), 'resumePage');
    await phone.page.goto(base);
    stanza = new HookedPage('stanza', await (await context()).newPage(), 'stanzaClient');
    await stanza.page.goto(base + 'stanza/');
    await stanza.page.evaluate(([j, p, w]) => window.stanzaClient.login(j, p, w), [args.jid, args.password, args.ws]);
    print({ type: 'result', scenario: 'resume-mid-call', chromium: browser.version(),
      ...await resumeMidCall(stanza, phone, args['gateway-ws']) });
  } catch (e) {
    print({ type: 'failure', scenario: 'resume-mid-call', step: e.step || 'resume-mid-call', error: e.message,
      pages: { page: phone ? await phone.dump() : null, stanza: stanza ? await stanza.dump() : null } });
    process.exitCode = 1;
  } finally {
    await browser.close().catch(() => {});
    server.close();
  }
}

await main();
