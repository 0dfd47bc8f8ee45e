#!/usr/bin/env node
// A softphone page and a StanzaJS page in one headless Chromium, driven one command at a time from a Java IT that
// kills, freezes and thaws gateway instances between the steps (ClusterEjabberdIT, ClusterProsodyStandbyIT). The
// softphone is opened with ?gateways= (every instance of one gateway, docs/sdk.md) and registered as --user; the
// StanzaJS page logs in to the XMPP server over its WebSocket.
//
//   node test-harness/js/cluster-call.mjs --page 'http://127.0.0.1:GW0/?gateways=ws://..,ws://..' --user carol
//        --ws ws://127.0.0.1:XMPP/xmpp-websocket --jid alice@localhost --password PW                 (npm ci first)
//
// First line on standard output: {"type":"ready","jid":<softphone JID>,"stanzaJid":..,"chromium":..}. Then one JSON
// command per line on standard input, one answer line each ({"type":"reply","cmd":..,"ok":true,...}, or ok false
// with "error" and "page": both pages' state):
//   {"cmd":"call","from":"stanza"|"phone","video":bool}  places a call and waits until both peer connections are
//                                                        connected (StanzaJS answers by itself; the softphone's
//                                                        Answer button is clicked)
//   {"cmd":"growth","kinds":["audio","video"]}           samples both pages, waits until every kind's inbound bytes
//                                                        grew on both (or 10 s passed), samples again: {before, after}
//   {"cmd":"status"}                                     {phone: {url, connection, state, resumes, lastHangup},
//                                                        stanza: {status, lastEndReason, connectionState}}
//   {"cmd":"waitResumed","resumes":n,"timeoutMs":t}      until the softphone has resumed its device n times in all
//                                                        and is registered; answers with the status
//   {"cmd":"hangup","side":"phone"|"stanza"}             hangs up on that side, waits until both pages ended the call
//   {"cmd":"dump"} / {"cmd":"quit"}
// Exit status 2 when the arguments are wrong or Chromium cannot start.
import { launchChromiumOrExit } from './lib/browsers.mjs';
import { Phone, StepFailure, growth, print, serveCommands } from './lib/softphone.mjs';
import { StanzaPage, serveStanzaClient } from './lib/stanza-page.mjs';

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    args[argv[i].replace(/^--/, '')] = argv[i + 1];
  }
  for (const k of ['page', 'user', 'ws', 'jid', 'password']) {
    if (!args[k]) {
      process.stderr.write('usage: cluster-call.mjs --page URL --user NAME --ws URL --jid JID --password PW\n');
      process.exit(2);
    }
  }
  return args;
}

const phoneStatus = (phone) => phone.read(() => ({ url: window.softphone.url, connection: window.softphone.connection,
  state: window.softphone.state, resumes: window.softphone.resumes, lastHangup: window.softphone.lastHangup,
  connectionState: window.softphone.connectionState }));
const stanzaStatus = (stanza) => stanza.page.evaluate(() => ({ status: window.stanzaClient.status,
  lastEndReason: window.stanzaClient.lastEndReason, connectionState: window.stanzaClient.connectionState }));

async function status(phone, stanza) {
  return { phone: await phoneStatus(phone), stanza: await stanzaStatus(stanza) };
}

const commands = {
  async call({ phone, stanza, stanzaJid }, c) {
    if (c.from === 'stanza') {
      await stanza.page.evaluate(([to, video]) => window.stanzaClient.call(to, video), [phone.jid, Boolean(c.video)]);
      await phone.waitState('incoming call', ['incoming']);
      await phone.page.click('#answer');
    } else if (c.from === 'phone') {
      await phone.page.fill('#to', stanzaJid);
      await phone.page.check(`input[name=media][value=${c.video ? 'video' : 'audio'}]`);
      await phone.page.click('#call');
    } else {
      throw new StepFailure('call', 'from must be "stanza" or "phone"');
    }
    await phone.waitConnected('softphone connectionState connected');
    await stanza.waitFor('connected', () => window.stanzaClient.connectionState === 'connected');
    return status(phone, stanza);
  },
  async growth({ phone, stanza }, c) {
    return growth([phone, stanza], c.kinds || ['audio']);
  },
  async status({ phone, stanza }) {
    return status(phone, stanza);
  },
  async waitResumed({ phone, stanza }, c) {
    await phone.waitFor('resumed ' + c.resumes + ' time(s)', (n) => window.softphone.resumes >= n
      && window.softphone.connection === 'registered', c.resumes, c.timeoutMs || 40000);
    return status(phone, stanza);
  },
  async hangup({ phone, stanza }, c) {
    if (c.side === 'phone') {
      await phone.page.click('#hangup');
    } else {
      await stanza.page.evaluate(() => window.stanzaClient.hangup('success'));
    }
    await phone.waitState('call ended', ['ended']);
    await stanza.waitFor('call ended', () => window.stanzaClient.status === 'ended');
    return status(phone, stanza);
  },
  async dump({ phone, stanza }) {
    return { page: { softphone: await phone.dump(), stanza: await stanza.dump() } };
  },
};

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const server = await serveStanzaClient();
  const browser = await launchChromiumOrExit(server);
  const context = () => browser.newContext({ permissions: ['camera', 'microphone'] });
  const run = {};
  try {
    run.phone = new Phone('softphone', await (await context()).newPage());
    await run.phone.open(args.page, args.user);
    run.stanza = new StanzaPage(await (await context()).newPage());
    await run.stanza.page.goto(`http://127.0.0.1:${server.address().port}/`);
    run.stanzaJid = await run.stanza.page.evaluate(([j, p, w]) => window.stanzaClient.login(j, p, w),
      [args.jid, args.password, args.ws]);
    print({ type: 'ready', jid: run.phone.jid, stanzaJid: run.stanzaJid, chromium: browser.version() });
  } catch (e) {
    print({ type: 'reply', cmd: 'open', ok: false, error: e.message,
      page: { softphone: run.phone ? await run.phone.dump() : null,
        stanza: run.stanza ? await run.stanza.dump() : null } });
    await browser.close().catch(() => {});
    server.close();
    process.exit(1);
  }
  await serveCommands(commands, run, async () => ({
    softphone: await run.phone.dump(), stanza: await run.stanza.dump(),
  }));
  await browser.close().catch(() => {});
  server.close();
}

await main();
