#!/usr/bin/env node
// Bundles the StanzaJS client page (stanza-client/client.js + npm `stanza` + npm `events`) for the browser with
// esbuild into stanza-client/dist/client.js (git-ignored: built by the tests and the quickstart, never committed).
//   node test-harness/js/build-stanza-client.mjs            (npm ci first)
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
await build({
  entryPoints: [path.join(here, 'stanza-client/client.js')],
  outfile: path.join(here, 'stanza-client/dist/client.js'),
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2020',
  minify: true,
  logLevel: 'warning',
  // StanzaJS imports Node's events module; the npm package of the same name stands in
  alias: { events: path.join(here, 'node_modules/events/events.js') },
  define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
});
process.stdout.write('built ' + path.join(here, 'stanza-client/dist/client.js') + '\n');
