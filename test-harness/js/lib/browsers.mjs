// Launching Debian's Chromium (playwright-core) and Firefox ESR (puppeteer-core over WebDriver BiDi)
// headless, with fake media devices, no mDNS host obfuscation and no background traffic.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];

export const FIREFOX_PREFS = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'app.update.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'toolkit.telemetry.enabled': false,
};

/**
 * Headless Chromium for calls (playwright-core, autoplay without a gesture); when it cannot start, says so in one
 * line on standard error, closes `server` (a page server, when there is one) and exits 2.
 */
export async function launchChromiumOrExit(server) {
  try {
    const { chromium } = await import('playwright-core');
    return await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true,
      args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'] });
  } catch (e) {
    process.stderr.write('cannot start Chromium at ' + CHROMIUM_PATH + ': ' + e.message + '\n');
    server?.close();
    process.exit(2);
  }
}

// A uniform handle: { name, version, userAgent, page: { goto, evaluate, onConsole }, close }.
export async function launchChromium(extraArgs = []) {
  const { chromium } = await import('playwright-core');
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'jg-chromium-'));
  // launchPersistentContext takes a fresh user data dir of our own; playwright adds its own defaults.
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    permissions: ['camera', 'microphone'],
  });
  const browser = context.browser();
  const page = context.pages()[0] || await context.newPage();
  const version = browser ? browser.version() : await page.evaluate(() => navigator.userAgent);
  return {
    name: 'chromium',
    version,
    launch: 'playwright-core chromium.launchPersistentContext, executablePath ' + CHROMIUM_PATH
      + ', args ' + [...CHROMIUM_ARGS, ...extraArgs].join(' '),
    page: {
      goto: (url) => page.goto(url),
      evaluate: (fn, arg) => page.evaluate(fn, arg),
      onConsole: (handler) => page.on('console', (message) => handler(message.type(), message.text())),
    },
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function launchFirefox() {
  const puppeteer = (await import('puppeteer-core')).default;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    extraPrefsFirefox: FIREFOX_PREFS,
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
  });
  const page = await browser.newPage();
  const version = await browser.version();
  return {
    name: 'firefox',
    version,
    launch: 'puppeteer-core launch({browser: "firefox"}) over WebDriver BiDi, executablePath ' + FIREFOX_PATH
      + ', headless, env MOZ_REMOTE_SETTINGS_DEVTOOLS=1, prefs ' + JSON.stringify(FIREFOX_PREFS),
    page: {
      goto: (url) => page.goto(url),
      evaluate: (fn, arg) => page.evaluate(fn, arg),
      onConsole: (handler) => page.on('console', (message) => handler(message.type(), message.text())),
    },
    close: () => browser.close(),
  };
}
