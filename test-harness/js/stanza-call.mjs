#!/usr/bin/env node
// A real XMPP Jingle client (StanzaJS, in its own page) and the gateway's softphone call each other in one
// headless Chromium, through a real Prosody and the gateway. Each page is read through its own test hook
// (window.stanzaClient, window.softphone) and its own RTCPeerConnection stats.
//
//   node test-harness/js/stanza-call.mjs --page http://127.0.0.1:GW/ --ws ws://127.0.0.1:PROSODY/xmpp-websocket
//        --jid alice@localhost --password PW                                           (npm ci first)
//
// Scenarios, both run:
//   stanza-calls-softphone  StanzaJS calls the softphone user's full JID with audio+video (a direct
//                           session-initiate: StanzaJS has no XEP-0353); the softphone answers; StanzaJS hangs up.
//   softphone-calls-stanza  the softphone calls StanzaJS's full JID with audio only; StanzaJS answers by itself;
//                           the softphone hangs up.
// The StanzaJS page is bundled here with esbuild and served from a tiny static server on 127.0.0.1.
// Standard output: {"type":"setup",...} and {"type":"result",...} per scenario, {"type":"failure",...} on a failed
// step; exit 1 when a step failed, 2 when Chromium cannot start.
import { growth, print } from './lib/softphone.mjs';
import { runWithSoftphoneAndStanza } from './lib/stanza-page.mjs';

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    args[argv[i].replace(/^--/, '')] = argv[i + 1];
  }
  for (const k of ['page', 'ws', 'jid', 'password']) {
    if (!args[k]) {
      throw new Error('usage: stanza-call.mjs --page URL --ws URL --jid JID --password PW');
    }
  }
  return args;
}

async function stanzaCallsSoftphone(stanza, phone) {
  const started = Date.now();
  await stanza.page.evaluate(([to]) => window.stanzaClient.call(to, true), [phone.jid]);
  await phone.waitState('incoming call', ['incoming']);
  await phone.page.click('#answer');
  await phone.waitConnected('connectionState connected');
  await stanza.waitFor('connected', () => window.stanzaClient.connectionState === 'connected');
  print({ type: 'setup', scenario: 'stanza-calls-softphone', ms: Date.now() - started });
  const media = await growth([stanza, phone], ['audio', 'video']);
  await stanza.page.evaluate(() => window.stanzaClient.hangup('success'));
  await phone.waitState('call ended', ['ended']);
  await stanza.waitFor('call ended', () => window.stanzaClient.status === 'ended');
  return { media, hangup: { stanza: await stanza.page.evaluate(() => window.stanzaClient.lastEndReason),
    softphone: await phone.read(() => window.softphone.lastHangupReason) } };
}

async function softphoneCallsStanza(stanza, phone, stanzaJid) {
  await phone.page.fill('#to', stanzaJid);
  await phone.page.check('input[name=media][value=audio]');
  const started = Date.now();
  await phone.page.click('#call');
  await stanza.waitFor('connected', () => window.stanzaClient.connectionState === 'connected');
  await phone.waitConnected('connectionState connected');
  print({ type: 'setup', scenario: 'softphone-calls-stanza', ms: Date.now() - started });
  const media = await growth([stanza, phone], ['audio']);
  await phone.page.click('#hangup');
  await phone.waitState('call ended', ['ended']);
  await stanza.waitFor('call ended', () => window.stanzaClient.status === 'ended');
  return { media, hangup: { stanza: await stanza.page.evaluate(() => window.stanzaClient.lastEndReason),
    softphone: await phone.read(() => window.softphone.lastHangupReason) } };
}

async function main() {
  await runWithSoftphoneAndStanza(parseArgs(process.argv.slice(2)), async (run) => {
    const { phone, stanza, browser } = run;
    run.step = 'stanza-calls-softphone';
    print({ type: 'result', scenario: run.step, chromium: browser.version(),
      ...await stanzaCallsSoftphone(stanza, phone) });
    run.step = 'softphone-calls-stanza';
    print({ type: 'result', scenario: run.step, ...await softphoneCallsStanza(stanza, phone, run.stanzaJid) });
  });
}

await main();
