// A tiny static http server on 127.0.0.1 (an ephemeral port) for the harness pages.
// http://127.0.0.1 is a secure context, so getUserMedia works in the pages it serves.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));

const INDEX = '<!doctype html>\n<meta charset="utf-8">\n<title>jingle-gateway harness</title>\n'
  + '<script src="/page-harness.js"></script>\n';

export async function serve() {
  const harness = await readFile(path.join(here, 'page-harness.js'), 'utf8');
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    if (url.pathname === '/' || url.pathname === '/index.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(INDEX);
    } else if (url.pathname === '/page-harness.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      response.end(harness);
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found: ' + url.pathname);
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: 'http://127.0.0.1:' + port + '/',
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
