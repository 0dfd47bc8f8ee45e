import readline from 'node:readline';
// Driving the gateway's softphone page from playwright: the Phone wrapper (buttons in, window.softphone out), the
// media-growth check and the step failure both browser scripts share (browser-call.mjs, stanza-call.mjs).
export const STEP_MS = 20000;
export const GROWTH_WAIT_MS = 10000;
// what counts as media flowing: inbound bytes that grew by at least this much between two samples
export const MIN_GROWTH = { audio: 1000, video: 5000 };

export const print = (object) => process.stdout.write(JSON.stringify(object) + '\n');

/**
 * The driver loop of the node scripts the Java tests drive: one JSON command a line on stdin until `quit` or the
 * end, each run as `commands[cmd](target, command)` and answered with one `reply` line; a failed step's reply
 * carries `dump()`, what the pages showed.
 */
export async function serveCommands(commands, target, dump) {
  for await (const line of readline.createInterface({ input: process.stdin })) {
    if (!line.trim()) {
      continue;
    }
    let c;
    try {
      c = JSON.parse(line);
    } catch (e) {
      print({ type: 'reply', cmd: null, ok: false, error: 'not JSON: ' + e.message });
      continue;
    }
    if (c.cmd === 'quit') {
      break;
    }
    const step = commands[c.cmd];
    if (!step) {
      print({ type: 'reply', cmd: c.cmd, ok: false, error: 'unknown command' });
      continue;
    }
    try {
      print({ type: 'reply', cmd: c.cmd, ok: true, ...(await step(target, c)) });
    } catch (e) {
      print({ type: 'reply', cmd: c.cmd, ok: false, error: (e.step ? e.step + ': ' : '') + e.message,
        page: await dump() });
    }
  }
}

export class StepFailure extends Error {
  constructor(step, message) {
    super(message);
    this.step = step;
  }
}

/** One softphone page, driven through its buttons, read through window.softphone. */
export class Phone {
  constructor(name, page) {
    this.name = name;
    this.page = page;
    page.on('console', (m) => process.stderr.write(`[${name} console.${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => process.stderr.write(`[${name} pageerror] ${e.message}\n`));
  }

  async open(url, user) {
    await this.page.goto(url);
    await this.page.fill('#user', user);
    await this.page.click('#register');
    await this.waitFor('registered', () => window.softphone.jid !== null);
    this.jid = await this.page.evaluate(() => window.softphone.jid);
  }

  /** Waits for a condition evaluated in the page; a timeout fails the step with the page's state. */
  async waitFor(step, fn, arg, timeout = STEP_MS) {
    if (fn.constructor.name === 'AsyncFunction') {
      // waitForFunction would take the returned Promise as truthy and return at once
      throw new Error('waitFor(' + step + '): the predicate must be synchronous; poll async stats from node');
    }
    try {
      await this.page.waitForFunction(fn, arg, { polling: 20, timeout });
    } catch (e) {
      const state = await this.page.evaluate(() => window.softphone.state).catch(() => '?');
      throw new StepFailure(this.name + ': ' + step, `timed out after ${timeout} ms (state ${state})`);
    }
  }

  waitState(step, states) {
    return this.waitFor(step, (s) => s.includes(window.softphone.state), states);
  }

  waitConnected(step) {
    return this.waitFor(step, () => window.softphone.connectionState === 'connected');
  }

  stats() {
    return this.page.evaluate(() => window.softphone.stats());
  }

  read(expression) {
    return this.page.evaluate(expression);
  }

  async dump() {
    return this.page.evaluate(() => ({
      state: window.softphone.state,
      lastHangup: window.softphone.lastHangup,
      lastError: window.softphone.lastError,
      descriptions: window.softphone.descriptions(),
      events: window.softphone.events.slice(-80),
    })).catch((e) => ({ unreadable: String(e) }));
  }
}

/** Samples both pages, waits until every expected inbound kind grew on both (or the wait ends), samples again. */
export async function growth(phones, kinds) {
  const before = {};
  for (const p of phones) {
    before[p.name] = await p.stats();
  }
  const deadline = Date.now() + GROWTH_WAIT_MS;
  let after = {};
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    let grown = true;
    for (const p of phones) {
      after[p.name] = await p.stats();
      for (const kind of kinds) {
        if (after[p.name].inbound[kind] - before[p.name].inbound[kind] < MIN_GROWTH[kind]) {
          grown = false;
        }
      }
    }
    if (grown || Date.now() > deadline) {
      break;
    }
  }
  return { before, after };
}
