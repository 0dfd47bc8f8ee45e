#!/usr/bin/env node
// Two softphone pages in one headless Chromium call each other through the gateway (browser to browser on the
// gateway's own domain, so the gateway translates SDP -> Jingle -> SDP on the way). Driven through the page's
// own buttons; state and RTCPeerConnection stats are read from the page's test hook (window.softphone).
//
//   node test-harness/js/browser-call.mjs --page http://127.0.0.1:PORT/ --scenario NAME [--runs N]
//        [--domain gw.localhost] [--screenshots DIR]                                (npm ci first)
//
// Scenarios:
//   video   alice calls carol with audio+video, carol answers; stats sampled; ICE restart from the caller, then
//           from the callee, stats sampled after each; alice hangs up.
//   audio   alice calls carol with audio only, carol answers; stats sampled; carol hangs up.
//   repeat  N audio+video calls set up and hung up one after the other (call-setup times, each hangup's
//           result on both pages: {run, by, pages: {alice: lastHangup, carol: lastHangup}}).
// --screenshots DIR saves DIR/<scenario>-<page>.png of both pages while the call is up.
//
// Standard output, one JSON object per line:
//   {"type":"setup","scenario":..,"run":i,"ms":..}         call click -> both pages' connectionState connected
//   {"type":"result","scenario":..,...}                    what the IT asserts on (see the scenario functions)
//   {"type":"failure","scenario":..,"step":..,"error":..,"pages":{alice:{state,descriptions,events},carol:..}}
// Exit status 0 when the scenario ran to its end (the IT judges the numbers), 1 when a step timed out or
// failed (the SDP both pages saw is in the failure line), 2 for bad arguments or when Chromium cannot start.
//
// Traffic stays on this machine: no ICE servers, mDNS host obfuscation off (so no multicast), fake media.
import { launchChromiumOrExit } from './lib/browsers.mjs';
import { Phone, STEP_MS, StepFailure, growth, print } from './lib/softphone.mjs';

function parseArgs(argv) {
  const args = { runs: 5, domain: 'gw.localhost' };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    const value = argv[i + 1];
    if (key === '--page') { args.page = value; i++; }
    else if (key === '--scenario') { args.scenario = value; i++; }
    else if (key === '--runs') { args.runs = Number(value); i++; }
    else if (key === '--domain') { args.domain = value; i++; }
    else if (key === '--screenshots') { args.screenshots = value; i++; }
    else { throw new Error('unknown argument ' + key); }
  }
  if (!args.page || !['video', 'audio', 'repeat'].includes(args.scenario) || !(args.runs >= 1)) {
    throw new Error('usage: browser-call.mjs --page URL --scenario video|audio|repeat [--runs N] [--domain D]');
  }
  return args;
}


let screenshotDir = null;

async function screenshots(phones, scenario) {
  if (screenshotDir) {
    for (const p of phones) {
      await p.page.screenshot({ path: `${screenshotDir}/${scenario}-${p.name}.png` });
    }
  }
}

async function placeCall(alice, carol, domain, video) {
  await alice.page.fill('#to', 'carol@' + domain);
  await alice.page.check(`input[name=media][value=${video ? 'video' : 'audio'}]`);
  await alice.page.click('#call');
  await carol.waitState('incoming call', ['incoming']);
  const ring = await carol.read(() => document.getElementById('incoming-media').textContent);
  await carol.page.click('#answer');
  await alice.waitConnected('connectionState connected');
  await carol.waitConnected('connectionState connected');
  const a = await alice.read(() => window.softphone.timing);
  const c = await carol.read(() => window.softphone.timing);
  return { setupMs: Math.max(a.connectedAt, c.connectedAt) - a.startedAt, ringMedia: ring };
}

async function hangUp(by, other) {
  await by.page.click('#hangup');
  await by.waitState('call ended', ['ended']);
  await other.waitState('call ended', ['ended']);
  return {
    [by.name]: await by.read(() => window.softphone.lastHangup),
    [other.name]: await other.read(() => window.softphone.lastHangup),
  };
}

/**
 * Waits until the two pages together have switched their selected candidate pair more than `before` times: the
 * new ICE generation's checks succeeded and ICE moved onto it. Only the agent that nominates has to switch: the
 * other side's Chromium often keeps counting the pair it had (same addresses), so one switch on either page is the
 * proof. Polled from here: Playwright's waitForFunction does not await an async predicate.
 */
async function waitForPairSwitch(phones, before, timeout = STEP_MS) {
  const deadline = Date.now() + timeout;
  const switches = async () => {
    let n = 0;
    for (const p of phones) {
      n += (await p.stats()).selectedCandidatePairChanges;
    }
    return n;
  };
  while ((await switches()) <= before) {
    if (Date.now() > deadline) {
      throw new StepFailure(phones.map((p) => p.name).join(' + ') + ': a new candidate pair selected after the'
        + ' ICE restart', `timed out after ${timeout} ms (still ${before} switches)`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** An ICE restart started by `from` (its button); completed when `from` has the answer and `to` answered. */
async function iceRestart(from, to) {
  const ufrags = async () => ({
    [from.name]: await from.read(() => (/a=ice-ufrag:(\S+)/.exec(window.softphone.descriptions().local) || [])[1]),
    [to.name]: await to.read(() => (/a=ice-ufrag:(\S+)/.exec(window.softphone.descriptions().local) || [])[1]),
  });
  const before = await ufrags();
  const pairSwitches = async (p) => (await p.stats()).selectedCandidatePairChanges;
  const switchesBefore = (await pairSwitches(from)) + (await pairSwitches(to));
  const startedLocal = await from.read(() => window.softphone.restarts.local);
  const startedRemote = await to.read(() => window.softphone.restarts.remote);
  await from.page.click('#restart');
  await from.waitFor('ICE restart answered', (n) => window.softphone.restarts.answered > n, startedLocal);
  await to.waitFor('ICE restart offer answered', (n) => window.softphone.restarts.remote > n, startedRemote);
  await from.waitConnected('connected after ICE restart');
  await to.waitConnected('connected after ICE restart');
  // the new ICE generation takes over once its checks succeed, which can lag "connected" on a busy machine
  await waitForPairSwitch([from, to], switchesBefore);
  return { ufragsBefore: before, ufragsAfter: await ufrags() };
}

const scenarios = {
  async video({ alice, carol, domain }) {
    const setup = await placeCall(alice, carol, domain, true);
    print({ type: 'setup', scenario: 'video', run: 1, ms: setup.setupMs });
    const connected = { alice: await alice.stats(), carol: await carol.stats() };
    const media = await growth([alice, carol], ['audio', 'video']);
    await screenshots([alice, carol], 'video');
    const callerRestart = await iceRestart(alice, carol);
    const afterCallerRestart = await growth([alice, carol], ['audio', 'video']);
    const calleeRestart = await iceRestart(carol, alice);
    const afterCalleeRestart = await growth([alice, carol], ['audio', 'video']);
    const hangup = await hangUp(alice, carol);
    return { setupMs: setup.setupMs, ringMedia: setup.ringMedia, connected, media, callerRestart,
      afterCallerRestart, calleeRestart, afterCalleeRestart, hangup };
  },

  async audio({ alice, carol, domain }) {
    const setup = await placeCall(alice, carol, domain, false);
    print({ type: 'setup', scenario: 'audio', run: 1, ms: setup.setupMs });
    const connected = { alice: await alice.stats(), carol: await carol.stats() };
    const media = await growth([alice, carol], ['audio']);
    await screenshots([alice, carol], 'audio');
    const hangup = await hangUp(carol, alice);
    return { setupMs: setup.setupMs, ringMedia: setup.ringMedia, connected, media, hangup };
  },

  async repeat({ alice, carol, domain, runs }) {
    const times = [];
    const hangups = [];
    for (let run = 1; run <= runs; run++) {
      const setup = await placeCall(alice, carol, domain, true);
      times.push(setup.setupMs);
      print({ type: 'setup', scenario: 'repeat', run, ms: setup.setupMs });
      const [by, other] = run % 2 ? [alice, carol] : [carol, alice];
      hangups.push({ run, by: by.name, pages: await hangUp(by, other) });
    }
    return { setupMs: times, hangups };
  },
};

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(e.message + '\n');
    process.exit(2);
  }
  screenshotDir = args.screenshots || null;
  const browser = await launchChromiumOrExit();
  const phones = {};
  let step = 'open pages';
  try {
    for (const name of ['alice', 'carol']) {
      // one context per user: separate storage, like two people on two machines
      const context = await browser.newContext({ permissions: ['camera', 'microphone'],
        viewport: { width: 1280, height: 800 } });
      phones[name] = new Phone(name, await context.newPage());
      await phones[name].open(args.page, name);
    }
    step = 'scenario ' + args.scenario;
    const result = await scenarios[args.scenario]({ ...phones, domain: args.domain, runs: args.runs });
    print({ type: 'result', scenario: args.scenario, chromium: browser.version(), ...result });
  } catch (e) {
    const pages = {};
    for (const [name, phone] of Object.entries(phones)) {
      pages[name] = await phone.dump();
    }
    print({ type: 'failure', scenario: args.scenario, step: e.step || step, error: e.message, pages });
    process.exitCode = 1;
  } finally {
    await browser.close().catch(() => {});
  }
}

await main();
