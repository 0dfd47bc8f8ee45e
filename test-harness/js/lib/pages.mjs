// Serving harness pages from folders on a loopback static server (resume-call.mjs, lib/stanza-page.mjs). A page must
// come from a real loopback server, not a route: Chromium then lets it reach the gateway on 127.0.0.1.
// http://127.0.0.1 is a secure context: getUserMedia works there.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** Serves each URL prefix from its folder ({'/stanza/': dir, '/': dir}); the longest matching prefix wins. */
export async function servePages(roots) {
  const prefixes = Object.keys(roots).sort((a, b) => b.length - a.length);
  const server = http.createServer(async (request, response) => {
    const pathname = new URL(request.url, 'http://127.0.0.1').pathname;
    const prefix = prefixes.find((p) => pathname.startsWith(p));
    const root = prefix && roots[prefix];
    const file = root && path.join(root, path.normalize(pathname.slice(prefix.length) || 'index.html'));
    if (!file || !file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': (TYPES[path.extname(file)] || 'text/plain') + '; charset=utf-8' });
      response.end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
