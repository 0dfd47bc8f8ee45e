// The StanzaJS page of the browser tests (stanza-client/, bundled with esbuild by build-stanza-client.mjs): served
// from a tiny static server on 127.0.0.1 and read through its test hook window.stanzaClient. Shared by
// stanza-call.mjs, link-drop.mjs and sdk-call.mjs.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { launchChromiumOrExit } from './browsers.mjs';
import { servePages } from './pages.mjs';
import { Phone, STEP_MS, StepFailure } from './softphone.mjs';

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
export async function openSoftphoneAndStanza(browser, server, args, opened) {
  const context = () => browser.newContext({ permissions: ['camera', 'microphone'] });
  const phone = new Phone('softphone', await (await context()).newPage());
  opened.phone = phone;
  await phone.open(args.page, 'carol');
  const stanza = new StanzaPage(await (await context()).newPage());
  opened.stanza = stanza;
  await stanza.page.goto(`http://127.0.0.1:${server.address().port}/`);
  return stanza.page.evaluate(([j, p, w]) => window.stanzaClient.login(j, p, w), [args.jid, args.password, args.ws]);
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

