// A tiny static file server for journeys that need vpclab somewhere other than the root
// of Playwright's own server: under a sub-path (/labs/vpclab/), or on a second origin.
// Node's standard library only. It serves each mount's folder under its URL prefix,
// redirects the prefix without its trailing slash to the prefix (as static hosts do),
// sends .wasm as application/wasm, and answers 404 to anything else, so a request for
// an asset at the wrong path shows up as a failed request in the test.
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
};

/** The file a URL path names inside a mount, or null when it would leave the folder. */
function resolve(root, relative) {
  const file = path.normalize(path.join(root, decodeURIComponent(relative)));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}

/**
 * Starts a server on 127.0.0.1:`port` serving `mounts`, an object from URL prefixes
 * ending in "/" to folders. Resolves to { url, close(), requests } once it listens;
 * `requests` lists every path asked for, in order.
 */
function serve(port, mounts) {
  const requests = [];
  const server = http.createServer((request, response) => {
    const pathname = new URL(request.url, 'http://localhost').pathname;
    requests.push(pathname);
    for (const [prefix, folder] of Object.entries(mounts)) {
      if (pathname === prefix.slice(0, -1)) {
        response.writeHead(301, { Location: prefix });
        response.end();
        return;
      }
      if (!pathname.startsWith(prefix)) continue;
      const root = path.resolve(folder);
      let file = resolve(root, pathname.slice(prefix.length) || 'index.html');
      if (file && fs.existsSync(file) && fs.statSync(file).isDirectory()) {
        file = path.join(file, 'index.html');
      }
      if (!file || !fs.existsSync(file)) break;
      const type = TYPES[path.extname(file)] || 'application/octet-stream';
      response.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      fs.createReadStream(file).pipe(response);
      return;
    }
    response.writeHead(404, { 'Content-Type': 'text/plain' });
    response.end(`not found: ${pathname}\n`);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolvePromise({
        url: `http://127.0.0.1:${port}`,
        requests,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

module.exports = { serve };
