// A minimal static file server for the built site, bound to loopback only.
//
// Usage: node scripts/serve-static.mjs [DIR] [PORT]   (defaults: build, 3300; PORT 0 picks a free one)
// Resolves '/x' to x.html or x/index.html as Docusaurus builds them with trailingSlash: false.
import {createServer} from 'node:http';
import {createReadStream, statSync} from 'node:fs';
import {extname, join, normalize, resolve, sep} from 'node:path';
import {fileURLToPath} from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8', '.woff2': 'font/woff2', '.xml': 'application/xml',
};

function isFile(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function locate(root, urlPath) {
  const clean = normalize(decodeURIComponent(urlPath.split('?')[0])).replace(/^([/\\])+/, '');
  const base = join(root, clean);
  if (base !== root && !base.startsWith(root + sep)) return null;
  for (const candidate of [base, `${base}.html`, join(base, 'index.html')]) {
    if (isFile(candidate)) return candidate;
  }
  return null;
}

/** Start serving ``dir`` on 127.0.0.1:``port``; resolves to the server once it listens. */
export function serve(dir, port = 0) {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const file = locate(root, req.url ?? '/');
    if (!file) {
      res.writeHead(404, {'content-type': TYPES['.html']});
      createReadStream(join(root, '404.html')).on('error', () => res.end()).pipe(res);
      return;
    }
    res.writeHead(200, {'content-type': TYPES[extname(file)] ?? 'application/octet-stream'});
    createReadStream(file).pipe(res);
  });
  return new Promise((done) => server.listen(port, '127.0.0.1', () => done(server)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const server = await serve(process.argv[2] ?? 'build', Number(process.argv[3] ?? 3300));
  console.log(`serving ${resolve(process.argv[2] ?? 'build')} on http://127.0.0.1:${server.address().port}/`);
}
