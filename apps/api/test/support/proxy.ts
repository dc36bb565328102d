import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectOutput, freePort, stopProcess } from '../harness/processes.mjs';
import { findNginx, nginxConfig } from './nginx.mjs';
import type { Reply } from './test-app.js';

/** The web image's nginx configuration (docker/web.Dockerfile copies it to conf.d/default.conf). */
export const WEB_CONF = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../docker/nginx/web.conf');

export interface SendOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** The local address the connection comes from (any 127.x.y.z works on Linux loopback). */
  from?: string;
}

/** One HTTP request on its own connection from the address `from`, so the API sees that client address. */
export function send(url: string, method: string, { body, headers = {}, from }: SendOptions = {}): Promise<Reply> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const allHeaders = payload === undefined ? headers : { 'content-type': 'application/json', ...headers };
  return new Promise((done, fail) => {
    const request = httpRequest(url, { method, agent: false, localAddress: from, headers: allHeaders }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        const headerList = Object.entries(response.headers).flatMap(([name, value]) =>
          value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value] as [string, string]],
        );
        const json = /json/.test(response.headers['content-type'] ?? '') && text !== '';
        done({ status: response.statusCode ?? 0, headers: new Headers(headerList), body: json ? JSON.parse(text) : text });
      });
    });
    request.on('error', fail);
    request.end(payload);
  });
}

export interface RunningNginx {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * The real nginx with docker/nginx/web.conf, changed only where the container differs: it listens on
 * a free loopback port instead of :8080, proxies to the API at `apiPort` instead of the `api` host,
 * and serves an empty folder. Fails when nginx is missing (`apt-get install -y nginx`).
 */
export async function startWebNginx(apiPort: number): Promise<RunningNginx> {
  const binary = findNginx();
  if (!binary) throw new Error('nginx is required by this suite: apt-get install -y nginx');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'marquee-nginx-'));
  // nginx started as root runs its workers as nobody: they must reach the folder.
  chmodSync(dir, 0o755);
  const html = join(dir, 'html');
  const site = adaptWebConf(readFileSync(WEB_CONF, 'utf8'), { port, apiPort, html });
  writeFileSync(join(dir, 'site.conf'), site);
  writeFileSync(join(dir, 'nginx.conf'), nginxConfig(dir, `  include ${dir}/site.conf;`));
  const child = spawn(binary, ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collectOutput(child);
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopProcess(child, { graceMs: Infinity });
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`nginx exited with ${child.exitCode}:\n${output()}`);
    }
    if ((await send(`${baseUrl}/api/health`, 'GET').catch(() => undefined))?.status === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`nginx did not proxy /api/health within 15 s:\n${output()}`);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  return { baseUrl, stop };
}

/** web.conf with the container's listen port, upstream and web root replaced; each must be found exactly where expected. */
function adaptWebConf(conf: string, { port, apiPort, html }: { port: number; apiPort: number; html: string }): string {
  const replacements: [RegExp, string][] = [
    [/^(\s*)listen\s+8080\s*;/gm, `$1listen 127.0.0.1:${port};`],
    [/proxy_pass\s+http:\/\/api:3000\s*;/g, `proxy_pass http://127.0.0.1:${apiPort};`],
    [/^(\s*)root\s+\/usr\/share\/nginx\/html\s*;/gm, `$1root ${html};`],
  ];
  return replacements.reduce((text, [pattern, replacement]) => {
    if (!pattern.test(text)) throw new Error(`docker/nginx/web.conf no longer matches ${pattern}: adapt test/support/proxy.ts`);
    return text.replace(pattern, replacement);
  }, conf);
}
