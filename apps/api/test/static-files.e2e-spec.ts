import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { TestApp } from './support/test-app.js';

const PRECOMPRESS = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/scripts/precompress.mjs');
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface RawReply {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes as sent, still encoded. */
  body: Buffer;
}

/** A GET that keeps the body as sent (fetch would decode it). */
function get(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<RawReply> {
  return new Promise((done, fail) => {
    const request = httpRequest(`${baseUrl}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', fail);
    });
    request.on('error', fail);
    request.end();
  });
}

function decode(reply: RawReply): Buffer {
  const encoding = reply.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(reply.body);
  if (encoding === 'gzip') return gunzipSync(reply.body);
  if (encoding === undefined) return reply.body;
  throw new Error(`unexpected content-encoding ${encoding}`);
}

/** A production build's shape: hashed bundles, index.html, an unhashed asset, and the build's .br/.gz siblings. */
function buildWebDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'marquee-web-dist-'));
  const bundle = Array.from({ length: 400 }, (_, i) => `export const value${i} = () => 'catalogue entry ${i}';`).join('\n');
  writeFileSync(join(dir, 'main-AB12CD34.js'), bundle);
  // A bundle without precompressed siblings (a build that skipped the step): compressed on the fly.
  writeFileSync(join(dir, 'chunk-EF56GH78.js'), bundle.replaceAll('catalogue', 'lazy'));
  writeFileSync(join(dir, 'styles-IJ90KL12.css'), 'body { margin: 0; }\n'.repeat(200));
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"></svg>');
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html lang="en"><head><title>Marquee</title><link rel="stylesheet" href="styles-IJ90KL12.css"></head>` +
      `<body>${'<p>The SPA shell.</p>'.repeat(60)}<script src="main-AB12CD34.js" type="module"></script></body></html>`,
  );
  execFileSync(process.execPath, [PRECOMPRESS, dir]);
  for (const sibling of ['chunk-EF56GH78.js.br', 'chunk-EF56GH78.js.gz']) rmSync(join(dir, sibling));
  return dir;
}

describe('the web app’s files and the API’s answers: compression and caching', () => {
  let api: TestApp;
  let webDist: string;

  beforeAll(async () => {
    webDist = buildWebDist();
    api = await TestApp.start({ WEB_DIST: webDist, SEED_DEMO_DATA: 'true' });
  });
  afterAll(async () => {
    await api?.close();
    if (webDist) rmSync(webDist, { recursive: true, force: true });
  });

  it('serves a hashed bundle precompressed (Brotli first, then gzip), immutable for a year', async () => {
    const original = readFileSync(join(webDist, 'main-AB12CD34.js'));
    const br = await get(api.baseUrl, '/main-AB12CD34.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^(?:application|text)\/javascript/);
    expect(br.headers['cache-control']).toBe(IMMUTABLE);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.body.length).toBeLessThan(original.length / 4);
    expect(br.body).toEqual(readFileSync(join(webDist, 'main-AB12CD34.js.br')));
    expect(decode(br)).toEqual(original);

    const gzip = await get(api.baseUrl, '/main-AB12CD34.js', { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['cache-control']).toBe(IMMUTABLE);
    expect(decode(gzip)).toEqual(original);

    const identity = await get(api.baseUrl, '/main-AB12CD34.js');
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.headers['cache-control']).toBe(IMMUTABLE);
    expect(identity.body).toEqual(original);

    const css = await get(api.baseUrl, '/styles-IJ90KL12.css', { 'accept-encoding': 'br' });
    expect(css.headers['content-encoding']).toBe('br');
    expect(css.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('compresses a bundle that has no precompressed sibling on the fly', async () => {
    const reply = await get(api.baseUrl, '/chunk-EF56GH78.js', { 'accept-encoding': 'gzip' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe('gzip');
    expect(reply.headers['cache-control']).toBe(IMMUTABLE);
    expect(decode(reply)).toEqual(readFileSync(join(webDist, 'chunk-EF56GH78.js')));
  });

  it('serves index.html (at / and for client routes) compressed and revalidated on every load; other files for a day', async () => {
    const html = readFileSync(join(webDist, 'index.html'));
    for (const path of ['/', '/services/1']) {
      const reply = await get(api.baseUrl, path, { accept: 'text/html', 'accept-encoding': 'br, gzip' });
      expect(reply.status).toBe(200);
      expect(reply.headers['content-type']).toMatch(/^text\/html/);
      expect(reply.headers['content-encoding']).toBe('br');
      expect(reply.headers['cache-control']).toBe('no-cache');
      expect(decode(reply)).toEqual(html);
    }
    const favicon = await get(api.baseUrl, '/favicon.svg');
    expect(favicon.status).toBe(200);
    expect(favicon.headers['cache-control']).toBe('public, max-age=86400');
  });

  it('compresses a large JSON list when the client accepts it, and leaves small answers and other clients alone', async () => {
    const plain = await get(api.baseUrl, '/api/services?limit=100');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    const list = JSON.parse(plain.body.toString('utf8')) as { data: unknown[] };
    expect(list.data.length).toBeGreaterThan(3);

    for (const encoding of ['br', 'gzip']) {
      const reply = await get(api.baseUrl, '/api/services?limit=100', { 'accept-encoding': encoding });
      expect(reply.status).toBe(200);
      expect(reply.headers['content-encoding']).toBe(encoding);
      expect(reply.headers['content-type']).toMatch(/^application\/json/);
      expect(reply.headers.vary).toMatch(/accept-encoding/i);
      expect(reply.body.length).toBeLessThan(plain.body.length / 2);
      expect(JSON.parse(decode(reply).toString('utf8'))).toEqual(list);
    }

    // Below 1 KiB: not worth it (the benchmark's small answers stay as they were).
    const small = await get(api.baseUrl, '/api/health', { 'accept-encoding': 'br, gzip' });
    expect(small.status).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    // A problem stays a plain problem+json.
    const missing = await get(api.baseUrl, '/api/services/999999', { 'accept-encoding': 'br, gzip' });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(decode(missing).toString('utf8'))).toMatchObject({ status: 404 });
  });

  it('still refuses a compressed request body instead of inflating it', async () => {
    const reply = await api.request('POST', '/api/auth/login', {
      raw: 'not really gzip',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
