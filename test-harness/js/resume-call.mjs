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
// Both pages come from the StanzaJS page's loopback server (lib/stanza-page.mjs); the protocol page's files are
// answered from resume-page/ by the browser context's route, under /resume-page/. That origin is not the
// gateway's: the gateway must allow it. Standard output: one {"type":"result",...} line, or {"type":"failure",...};
// exit 1 when a step failed, 2 when Chromium cannot start or the arguments are wrong.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './lib/browsers.mjs';
import { STEP_MS, StepFailure, growth, print } from './lib/softphone.mjs';
import { StanzaPage, serveStanzaClient } from './lib/stanza-page.mjs';

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

/** The protocol page, read through window.resumePage. */
class ResumePage {
  constructor(page) {
    this.name = 'page';
    this.page = page;
    page.on('console', (m) => process.stderr.write(`[page console.${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => process.stderr.write(`[page pageerror] ${e.message}\n`));
  }

  async waitFor(step, fn, arg) {
    try {
      await this.page.waitForFunction(fn, arg, { polling: 20, timeout: STEP_MS });
    } catch (e) {
      throw new StepFailure('page: ' + step, `timed out after ${STEP_MS} ms`);
    }
  }

  stats() {
    return this.page.evaluate(() => window.resumePage.stats());
  }

  dump() {
    return this.page.evaluate(() => ({ status: window.resumePage.status, events: window.resumePage.events }))
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
  const server = await serveStanzaClient();
  const base = `http://127.0.0.1:${server.address().port}/`;
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true,
      args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'] });
  } catch (e) {
    process.stderr.write('cannot start Chromium at ' + CHROMIUM_PATH + ': ' + e.message + '\n');
    server.close();
    process.exit(2);
  }
  let stanza;
  let phone;
  try {
    const pageContext = await browser.newContext({ permissions: ['microphone'] });
    await pageContext.route(base + 'resume-page/*', (route) => route.fulfill({
      path: path.join(here, 'resume-page', path.basename(new URL(route.request().url()).pathname)) }));
    phone = new ResumePage(await pageContext.newPage());
    await phone.page.goto(base + 'resume-page/index.html');
    stanza = new StanzaPage(await (await browser.newContext({ permissions: ['microphone'] })).newPage());
    await stanza.page.goto(base);
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
