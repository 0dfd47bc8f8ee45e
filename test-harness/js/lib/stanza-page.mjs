// The StanzaJS page of the browser tests (stanza-client/, bundled with esbuild by build-stanza-client.mjs): served
// from a tiny static server on 127.0.0.1 and read through its test hook window.stanzaClient. Shared by
// stanza-call.mjs, link-drop.mjs, sdk-call.mjs and resume-call.mjs.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { launchChromiumOrExit } from './browsers.mjs';
import { servePages } from './pages.mjs';
import { Phone, STEP_MS, StepFailure, print } from './softphone.mjs';

const here = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles the StanzaJS page into stanza-client/ (esbuild, build-stanza-client.mjs); returns that folder. */
export function buildStanzaClient() {
  execFileSync(process.execPath, [path.join(here, 'build-stanza-client.mjs')],
    { stdio: ['ignore', 'ignore', 'inherit'] });
  return path.join(here, 'stanza-client');
}

/** Bundles the page and serves it; returns the http.Server (its address().port is the page's port). */
export async function serveStanzaClient() {
  return servePages({ '/': buildStanzaClient() });
}

/** Serves the StanzaJS page and starts Chromium; exits 2 with one line when Chromium cannot start. */
export async function startChromiumWithStanzaPage() {
  const server = await serveStanzaClient();
  return { server, browser: await launchChromiumOrExit(server) };
}

/**
 * Opens the softphone (registered as carol) and the StanzaJS page, each in its own browser context, and logs the
 * StanzaJS page in; `opened` receives each page as soon as it exists, so a failure can still dump it.
 */
async function openSoftphoneAndStanza(browser, server, args, opened) {
  const context = () => browser.newContext({ permissions: ['camera', 'microphone'] });
  const phone = new Phone('softphone', await (await context()).newPage());
  opened.phone = phone;
  await phone.open(args.page, 'carol');
  const stanza = new StanzaPage(await (await context()).newPage());
  opened.stanza = stanza;
  await stanza.page.goto(`http://127.0.0.1:${server.address().port}/`);
  return stanza.page.evaluate(([j, p, w]) => window.stanzaClient.login(j, p, w), [args.jid, args.password, args.ws]);
}

/**
 * Runs `scenarios(run)` with the softphone and the StanzaJS page open in one headless Chromium; `run` holds phone,
 * stanza, stanzaJid and browser, and `run.step` names the step under way. When a step throws, prints one
 * {"type":"failure",...} line with that step and both pages' state and sets exit code 1; always closes the browser
 * and the page server.
 */
export async function runWithSoftphoneAndStanza(args, scenarios) {
  const { server, browser } = await startChromiumWithStanzaPage();
  const opened = {};
  const run = { step: 'open pages', browser };
  try {
    run.stanzaJid = await openSoftphoneAndStanza(browser, server, args, opened);
    await scenarios(Object.assign(run, opened));
  } catch (e) {
    print({ type: 'failure', scenario: run.step, step: e.step || run.step, error: e.message,
      pages: { softphone: opened.phone ? await opened.phone.dump() : null,
        stanza: opened.stanza ? await opened.stanza.dump() : null } });
    process.exitCode = 1;
  } finally {
    await browser.close().catch(() => {});
    server.close();
  }
}

/** The StanzaJS page, read through window.stanzaClient. */
export class StanzaPage {
  constructor(page) {
    this.name = 'stanza';
    this.page = page;
    page.on('console', (m) => process.stderr.write(`[stanza console.${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => process.stderr.write(`[stanza pageerror] ${e.message}\n`));
  }

  async waitFor(step, fn, arg) {
    try {
      await this.page.waitForFunction(fn, arg, { polling: 20, timeout: STEP_MS });
    } catch (e) {
      const status = await this.page.evaluate(() => window.stanzaClient.status).catch(() => '?');
      throw new StepFailure('stanza: ' + step, `timed out after ${STEP_MS} ms (status ${status})`);
    }
  }

  stats() {
    return this.page.evaluate(() => window.stanzaClient.stats());
  }

  async dump() {
    return this.page.evaluate(() => ({ status: window.stanzaClient.status, events: window.stanzaClient.events,
      lastEndReason: window.stanzaClient.lastEndReason })).catch((e) => ({ unreadable: String(e) }));
  }
}

