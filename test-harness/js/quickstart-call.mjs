#!/usr/bin/env node
// Follows the quickstart's printed steps for a call between two browser tabs, as a newcomer would, in headless
// Chromium: only the URLs, names and password the quickstart printed, and only the pages' fields and buttons.
//
//   node test-harness/js/quickstart-call.mjs --softphone URL --stanza URL --password PW [--user carol]
//        [--xmpp alice@localhost]                                                      (npm ci first)
//
// Steps: tab 1 opens the softphone and registers `user`, and its JID is read from the page's text; tab 2 opens the
// StanzaJS client and logs in; tab 2 calls that JID with video; tab 1 answers; both pages' inbound audio and video
// must grow; tab 2 hangs up. Standard output: {"type":"result",...} or {"type":"failure",...}; exit 1 when a step
// failed, 2 when Chromium cannot start.
import { launchChromiumOrExit } from './lib/browsers.mjs';
import { STEP_MS, print } from './lib/softphone.mjs';

const args = { user: 'carol', xmpp: 'alice@localhost' };
for (let i = 2; i < process.argv.length; i += 2) {
  args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
}
if (!args.softphone || !args.stanza || !args.password) {
  process.stderr.write('usage: quickstart-call.mjs --softphone URL --stanza URL --password PW\n');
  process.exit(2);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const MIN = { audio: 1000, video: 5000 };

const browser = await launchChromiumOrExit();

async function tab(name) {
  const page = await (await browser.newContext({ permissions: ['camera', 'microphone'] })).newPage();
  page.on('console', (m) => process.stderr.write(`[${name} console.${m.type()}] ${m.text()}\n`));
  page.setDefaultTimeout(STEP_MS);
  return page;
}

/** Waits until the element's text matches; returns the match. */
async function text(page, selector, pattern, step) {
  const end = Date.now() + STEP_MS;
  for (;;) {
    const t = await page.textContent(selector);
    const m = pattern.exec(t || '');
    if (m) {
      return m;
    }
    if (Date.now() > end) {
      throw Object.assign(new Error(step + ': ' + selector + ' still reads "' + t + '"'), { step });
    }
    await sleep(100);
  }
}

/** Presses a button the way a click does, without Playwright's actionability waits (slow on a loaded machine). */
function press(page, selector) {
  return page.$eval(selector, (el) => el.click());
}

async function inbound(page, hook) {
  return page.evaluate((h) => (h === 'softphone' ? window.softphone.stats() : window.stanzaClient.stats())
    .then((s) => s.inbound), hook);
}

let step = 'open the tabs';
const tabs = {};
try {
  tabs.softphone = await tab('tab 1');
  tabs.stanza = await tab('tab 2');
  step = '1. register in the softphone';
  await tabs.softphone.goto(args.softphone);
  await tabs.softphone.fill('#user', args.user);
  await press(tabs.softphone, '#register');
  const jid = (await text(tabs.softphone, '#me', /Registered as (\S+)/, step))[1];
  step = '2. log in to StanzaJS';
  await tabs.stanza.goto(args.stanza);
  await tabs.stanza.fill('#jid', args.xmpp);
  await tabs.stanza.fill('#password', args.password);
  await press(tabs.stanza, '#connect');
  await text(tabs.stanza, '#status', /^online/, step);
  step = '3. call from StanzaJS';
  await tabs.stanza.fill('#to', jid);
  await tabs.stanza.$eval('#video', (el) => { el.checked = true; });
  await press(tabs.stanza, '#call');
  step = '4. answer in the softphone';
  await tabs.softphone.waitForSelector('#answer', { state: 'visible' });
  await press(tabs.softphone, '#answer');
  await text(tabs.softphone, '#call-state', /^active$/, step);
  await text(tabs.stanza, '#pc', /^connected$/, step);
  step = 'media both ways';
  const before = { softphone: await inbound(tabs.softphone, 'softphone'), stanza: await inbound(tabs.stanza, 'stanza') };
  let after;
  const end = Date.now() + 10000;
  for (;;) {
    await sleep(500);
    after = { softphone: await inbound(tabs.softphone, 'softphone'), stanza: await inbound(tabs.stanza, 'stanza') };
    const grown = Object.keys(after).every((p) => ['audio', 'video'].every((k) => after[p][k] - before[p][k] >= MIN[k]));
    if (grown || Date.now() > end) {
      break;
    }
  }
  step = 'hang up';
  await press(tabs.stanza, '#hangup');
  await text(tabs.softphone, '#call-state', /^ended$/, step);
  print({ type: 'result', jid, media: { before, after },
    softphoneNotice: await tabs.softphone.textContent('#notice') });
} catch (e) {
  const dump = {};
  for (const [name, page] of Object.entries(tabs)) {
    dump[name] = await page.evaluate(() => document.body.innerText.slice(0, 3000)).catch((x) => String(x));
  }
  print({ type: 'failure', step: e.step || step, error: e.message, pages: dump });
  process.exitCode = 1;
} finally {
  // a close that hangs on a loaded machine must not hold the test past its own timeout
  await Promise.race([browser.close().catch(() => {}), sleep(15000)]);
}
