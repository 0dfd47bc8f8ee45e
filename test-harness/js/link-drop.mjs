#!/usr/bin/env node
// A StanzaJS page (headless Chromium, logged in to a real Prosody) calls the gateway's softphone (same Chromium) and
// the call lives through two drops of the gateway's XEP-0114 link, stepped by the Java test (LinkDropIT) through
// phases: the script prints {"type":"phase","name":N} and waits until the file of the release's name appears in
// --gate DIR.
//
//   node test-harness/js/link-drop.mjs --page http://127.0.0.1:GW/ --ws ws://127.0.0.1:PROSODY/xmpp-websocket
//        --jid alice@localhost --password PW --gate DIR                                (npm ci first)
//
// 1. phase "in-call": the test kills Prosody (SIGKILL) and starts it again, then releases "prosody-back". Media is
//    sampled on both pages meanwhile; then StanzaJS is back on the same full JID, media still grows, and an ICE
//    restart from StanzaJS (it restarts only as the initiator) completes over signaling. Result "prosody-killed".
// 2. phase "cut": the test cuts the gateway's link (Prosody and StanzaJS stay up) and releases "link-down". StanzaJS
//    sends a transport-info, which Prosody bounces (its reaction is recorded); media keeps flowing; the softphone
//    hangs up, and the gateway holds the session-terminate. Phase "link-down-done": the test restores the link and
//    releases "link-back"; the held session-terminate reaches StanzaJS. Result "link-cut".
// Standard output: phases, results, {"type":"failure",...}; exit 1 when a step failed, 2 when Chromium cannot start.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { StepFailure, growth, print } from './lib/softphone.mjs';
import { runWithSoftphoneAndStanza } from './lib/stanza-page.mjs';

const GATE_MS = 120000;

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    args[argv[i].replace(/^--/, '')] = argv[i + 1];
  }
  for (const k of ['page', 'ws', 'jid', 'password', 'gate']) {
    if (!args[k]) {
      throw new Error('usage: link-drop.mjs --page URL --ws URL --jid JID --password PW --gate DIR');
    }
  }
  return args;
}

/** Prints the phase and waits for the test's go; samples the pages' inbound audio meanwhile. */
async function phase(name, release, gate, pages) {
  print({ type: 'phase', name });
  const samples = [];
  const deadline = Date.now() + GATE_MS;
  for (;;) {
    const sample = { t: Date.now() };
    for (const p of pages) {
      sample[p.name] = (await p.stats()).inbound.audio;
    }
    samples.push(sample);
    if (existsSync(path.join(gate, release))) {
      return samples;
    }
    if (Date.now() > deadline) {
      throw new StepFailure('gate ' + release, 'the test did not release it within ' + GATE_MS + ' ms');
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Inbound audio bytes on each page from the first sample to the last one. */
function during(samples, pages) {
  const first = samples[0];
  const last = samples[samples.length - 1];
  const out = { seconds: (last.t - first.t) / 1000, samples: samples.length };
  for (const p of pages) {
    out[p.name] = last[p.name] - first[p.name];
  }
  return out;
}

/** An ICE restart from StanzaJS: the softphone answers the gateway's offer, StanzaJS gets the new credentials. */
async function iceRestart(phone, stanza) {
  const remoteUfrag = () => stanza.page.evaluate(() => (/a=ice-ufrag:(\S+)/.exec(
    window.stanzaClient.remoteDescription) || [])[1]);
  const before = await remoteUfrag();
  const answered = await phone.read(() => window.softphone.restarts.remote);
  await stanza.page.evaluate(() => window.stanzaClient.restartIce());
  await phone.waitFor('ICE restart offer answered', (n) => window.softphone.restarts.remote > n, answered);
  await phone.waitConnected('connected after ICE restart');
  await stanza.waitFor('connected after ICE restart', () => window.stanzaClient.connectionState === 'connected');
  const deadline = Date.now() + 20000;
  let after = await remoteUfrag();
  while (after === before && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    after = await remoteUfrag();
  }
  if (after === before) {
    throw new StepFailure('stanza: the softphone\'s new ICE credentials', 'still ' + before);
  }
  return { before, after };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  await runWithSoftphoneAndStanza(args, async (run) => {
    const { phone, stanza, browser } = run;
    const pages = [phone, stanza];

    run.step = 'call';
    await stanza.page.evaluate(([to]) => window.stanzaClient.call(to, false), [phone.jid]);
    await phone.waitState('incoming call', ['incoming']);
    await phone.page.click('#answer');
    await phone.waitConnected('connectionState connected');
    await stanza.waitFor('connected', () => window.stanzaClient.connectionState === 'connected');
    await growth(pages, ['audio']);

    run.step = 'prosody-killed';
    const killed = during(await phase('in-call', 'prosody-back', args.gate, pages), pages);
    await stanza.waitFor('StanzaJS logged in again', () => window.stanzaClient.sessions >= 2);
    const afterKill = await growth(pages, ['audio']);
    const restart = await iceRestart(phone, stanza);
    print({ type: 'result', scenario: run.step, chromium: browser.version(), during: killed, after: afterKill, restart,
      stanzaStatus: await stanza.page.evaluate(() => window.stanzaClient.status) });

    run.step = 'link-cut';
    await phase('cut', 'link-down', args.gate, []);
    const errorsBefore = await stanza.page.evaluate(() => window.stanzaClient.errors.length);
    await stanza.page.evaluate(() => window.stanzaClient.sendTransportInfo());
    await stanza.waitFor('the bounce of its transport-info', (n) => window.stanzaClient.errors.length > n,
      errorsBefore);
    const bounce = await stanza.page.evaluate((n) => window.stanzaClient.errors[n], errorsBefore);
    const statusAfterBounce = await stanza.page.evaluate(() => window.stanzaClient.status);
    const cutMedia = await growth(pages, ['audio']);
    await phone.page.click('#hangup');
    await phone.waitState('call ended', ['ended']);
    await new Promise((r) => setTimeout(r, 1000));
    const statusBeforeLinkBack = await stanza.page.evaluate(() => window.stanzaClient.status);
    await phase('link-down-done', 'link-back', args.gate, []);
    await stanza.waitFor('call ended', () => window.stanzaClient.status === 'ended');
    print({ type: 'result', scenario: run.step, bounce, stanzaStatusAfterBounce: statusAfterBounce, during: cutMedia,
      stanzaStatusBeforeLinkBack: statusBeforeLinkBack,
      hangup: { stanza: await stanza.page.evaluate(() => window.stanzaClient.lastEndReason),
        softphone: await phone.read(() => window.softphone.lastHangupReason) } });
  });
}

await main();
