// The web image's nginx configuration (web.conf), run by the real nginx over the built app and the
// built API (ports and paths adapted): gzip (precompressed .gz siblings), Cache-Control per file, the
// security headers on every file, client routes answered with index.html, the API's JSON passed on.
// After `npm run build`; nginx must be installed (.ci/run installs it). `npm run test:nginx`.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import sharp from 'sharp';
import { freePort, onCleanup, runCleanups, waitFor } from '../../apps/api/test/scale/lib.mjs';
import { findNginx, nginxConfig } from '../../apps/api/test/support/nginx.mjs';
import { WEB_DIST, startBuiltApp } from '../../apps/web/scripts/built-app.mjs';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const NGINX = findNginx();
let baseUrl;

/** web.conf with the listen port, the web root and the API's address of this machine. */
function adaptedConfig(port, apiUrl) {
  let conf = readFileSync(resolve(import.meta.dirname, 'web.conf'), 'utf8');
  const replace = (from, to) => {
    assert.ok(conf.includes(from), `web.conf no longer contains "${from}": adapt this test`);
    conf = conf.replaceAll(from, to);
  };
  replace('listen 8080;', `listen 127.0.0.1:${port};`);
  replace('root /usr/share/nginx/html;', `root ${WEB_DIST};`);
  replace('api:3000', new URL(apiUrl).host);
  return conf;
}

async function startNginx(apiUrl) {
  assert.ok(NGINX, 'nginx is not installed (apt-get install -y nginx)');
  const dir = await mkdtemp(join(tmpdir(), 'marquee-web-nginx-'));
  // Started as root, nginx's workers run as another user: they must reach the folder to buffer large bodies in it.
  await chmod(dir, 0o755);
  const port = await freePort();
  await writeFile(join(dir, 'web.conf'), adaptedConfig(port, apiUrl));
  // What nginx-unprivileged's own nginx.conf wraps around conf.d/default.conf.
  const http = `
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  sendfile on;
  include ${dir}/web.conf;`;
  await writeFile(join(dir, 'nginx.conf'), nginxConfig(dir, http, { workerConnections: 64 }));
  const child = spawn(NGINX, ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  onCleanup(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
    }
    await rm(dir, { recursive: true, force: true });
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor('nginx', async () => {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${output}`);
    return (await get(url, '/api/health')).status === 200;
  });
  return url;
}

/** A GET that keeps the body as sent (fetch would decode it). */
function get(url, path, headers = {}) {
  return new Promise((done, fail) => {
    const req = request(`${url}${path}`, { headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => done({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

const file = (name) => readFileSync(join(WEB_DIST, name));
const bundle = (prefix) => readdirSync(WEB_DIST).find((name) => name.startsWith(prefix) && name.endsWith('.js'));

before(async () => {
  baseUrl = await startNginx(await startBuiltApp());
});
after(runCleanups);

test('hashed bundles: the precompressed .gz when gzip is accepted, immutable for a year, with the security headers', async () => {
  const main = bundle('main-');
  assert.ok(existsSync(join(WEB_DIST, `${main}.gz`)), 'the build wrote no .gz files (apps/web/scripts/precompress.mjs)');
  const gzipped = await get(baseUrl, `/${main}`, { 'accept-encoding': 'gzip, deflate, br' });
  assert.equal(gzipped.status, 200);
  assert.equal(gzipped.headers['content-encoding'], 'gzip');
  assert.match(gzipped.headers['content-type'], /javascript/);
  assert.equal(gzipped.headers['cache-control'], IMMUTABLE);
  assert.match(gzipped.headers.vary ?? '', /accept-encoding/i);
  assert.deepEqual(gzipped.body, file(`${main}.gz`));
  assert.deepEqual(gunzipSync(gzipped.body), file(main));
  for (const header of ['x-content-type-options', 'x-frame-options', 'referrer-policy']) assert.ok(gzipped.headers[header], header);

  const plain = await get(baseUrl, `/${main}`);
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(plain.headers['cache-control'], IMMUTABLE);
  assert.deepEqual(plain.body, file(main));

  const styles = readdirSync(WEB_DIST).find((name) => /^styles-.*\.css$/.test(name));
  const css = await get(baseUrl, `/${styles}`, { 'accept-encoding': 'gzip' });
  assert.equal(css.headers['content-encoding'], 'gzip');
  assert.equal(css.headers['cache-control'], IMMUTABLE);

  const missing = await get(baseUrl, '/chunk-MISSING0.js', { 'accept-encoding': 'gzip' });
  assert.equal(missing.status, 404);
});

test('index.html, at / and for client routes: gzipped and revalidated on every load; other files kept a day', async () => {
  for (const path of ['/', '/index.html', '/services/1', '/admin/services']) {
    const reply = await get(baseUrl, path, { accept: 'text/html', 'accept-encoding': 'gzip' });
    assert.equal(reply.status, 200, path);
    assert.match(reply.headers['content-type'], /^text\/html/, path);
    assert.equal(reply.headers['content-encoding'], 'gzip', path);
    assert.equal(reply.headers['cache-control'], 'no-cache', path);
    assert.deepEqual(gunzipSync(reply.body), file('index.html'), path);
    assert.equal(reply.headers['x-frame-options'], 'SAMEORIGIN', path);
  }
  const favicon = await get(baseUrl, '/favicon.svg');
  assert.equal(favicon.status, 200);
  assert.equal(favicon.headers['cache-control'], 'public, max-age=86400');
});

test('the API through nginx: a large JSON list compressed by the API, with its own caching headers', async () => {
  const reply = await get(baseUrl, '/api/services?limit=100', { 'accept-encoding': 'gzip' });
  assert.equal(reply.status, 200);
  assert.equal(reply.headers['content-encoding'], 'gzip');
  assert.match(reply.headers['content-type'], /^application\/json/);
  assert.equal(reply.headers['cache-control'], undefined);
  assert.ok(JSON.parse(gunzipSync(reply.body).toString('utf8')).data.length > 0);
});

test('a picture of several MB uploads through nginx, and its renditions come back from /media, immutable', async () => {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@marquee.local', password: 'Admin-password-1' }),
  });
  const { accessToken } = await login.json();
  // Noise does not compress: a JPEG of a few MB, over the 1 MB that nginx allows other API requests.
  const side = 1400;
  const jpeg = await sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } })
    .jpeg({ quality: 100 })
    .toBuffer();
  assert.ok(jpeg.length > 2 * 1024 * 1024, `the picture is only ${jpeg.length} bytes`);
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'noise.jpg');
  form.append('alt', 'Noise');
  const upload = await fetch(`${baseUrl}/api/services/1/image`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}` },
    body: form,
  });
  assert.equal(upload.status, 200, await upload.clone().text());
  const { image } = await upload.json();
  assert.match(image.large, /^\/media\//);
  const served = await get(baseUrl, image.large);
  assert.equal(served.status, 200);
  assert.equal(served.headers['content-type'], 'image/webp');
  assert.equal(served.headers['cache-control'], IMMUTABLE);
  assert.equal((await sharp(served.body).metadata()).width, side);
});

test('every path under /api/ reaches the API, even one that ends like a static file', async () => {
  const reply = await get(baseUrl, '/api/no-such-route.js');
  assert.equal(reply.status, 404);
  assert.match(reply.headers['content-type'], /^application\/problem\+json/, 'answered by the API, not by nginx from the SPA folder');
});
