// The browser test harness: a fresh API (serving the built SPA) on a fresh SQLite database,
// Debian's Chromium through playwright-core, axe-core checks and screenshots on failure.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { API_MAIN, freePort, json, login, startApi } from '../../api/test/harness/processes.mjs';

// api: a JSON call to the API (for setting up data the UI test then looks at); throws unless 2xx.
export { json as api, login };

const require = createRequire(import.meta.url);
export const repoRoot = resolve(import.meta.dirname, '../../..');
export const outputDir = resolve(repoRoot, 'test-output');
export const ADMIN = { email: 'admin@e2e.test', password: 'Admin-password-1' };
/** Debian's Chromium, headless as root in a container, without background traffic. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Starts the API (MARQUEE_API_MAIN, default apps/api/dist/main.js) on a free port and a temp database;
 * `env` adds to (or overrides) its environment.
 */
export async function startStack({ env: extra = {} } = {}) {
  const webDist = resolve(repoRoot, 'apps/web/dist/browser');
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: build the API first (npm run build)`);
  if (!existsSync(join(webDist, 'index.html'))) throw new Error(`${webDist}/index.html is missing: build the web app first`);
  const dir = mkdtempSync(join(tmpdir(), 'marquee-e2e-'));
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite:${join(dir, 'e2e.sqlite')}`,
    PORT: String(await freePort()),
    NODE_ENV: 'test',
    JWT_SECRET: 'e2e-secret-that-is-at-least-32-characters-long',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    SEED_DEMO_DATA: 'true',
    BCRYPT_COST: '4',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_REGISTER: '1000',
    WEB_DIST: webDist,
    ...extra,
  };
  delete env.REDIS_URL;
  const api = await startApi({ env, cwd: dir, ready: { intervalMs: 200 } });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    // playwright-core gives every launch a fresh, temporary user-data-dir.
    args: CHROMIUM_ARGS,
  });
  return {
    baseUrl: api.url,
    browser,
    log: api.output,
    /** Without SMTP_URL the API writes its messages here as .eml files (MAIL_DIR's default, under its cwd). */
    mailDir: join(dir, 'data/mail'),
    async stop() {
      await browser.close().catch(() => {});
      await api.stop('SIGTERM', Infinity);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * One stack for a test file: started before its tests (with the admin signed in through the API),
 * stopped after them, printing the pages axe-core checked. Answers a holder of the running stack and
 * its admin's access token. `env` goes to startStack.
 */
export function stackForFile({ env } = {}) {
  const running = { stack: undefined, adminToken: undefined };
  before(async () => {
    running.stack = await startStack({ env });
    running.adminToken = (await login(running.stack.baseUrl, ADMIN.email, ADMIN.password)).accessToken;
  });
  after(async () => {
    await running.stack?.stop();
    console.log(`axe-core checked ${checkA11y.pages.size} pages: ${[...checkA11y.pages].join(', ')}`);
  });
  return running;
}

/** Runs axe-core on the page; fails on serious or critical violations. */
export async function checkA11y(page, label) {
  // A Material snack bar holds its content (with its action button) in an aria-hidden element for
  // its first ~150 ms, then hands it to a live region for screen readers: check after that hand-over.
  await page.waitForFunction(() => !document.querySelector('.mat-mdc-snack-bar-container [aria-hidden="true"] button'), null, {
    timeout: 5000,
  });
  // Let finite animations end first (a mat-error fades in, on a busy machine for long enough that
  // axe would read the half-faded text as low contrast); endless ones (spinners) do not count.
  await page
    .waitForFunction(
      () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity),
      null,
      { timeout: 5000 },
    )
    .catch(() => {});
  // Evaluated over the DevTools protocol, so the app's Content-Security-Policy stays in force.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  if (violations.length) {
    await screenshot(page, `a11y-${label}`);
    throw new Error(`axe: ${violations.length} serious/critical violation(s) on ${label}:\n${JSON.stringify(violations, null, 2)}`);
  }
  checkA11y.pages.add(label);
}
checkA11y.pages = new Set();

export async function screenshot(page, name) {
  mkdirSync(outputDir, { recursive: true });
  const file = join(outputDir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file, fullPage: true }).catch(() => {});
  return file;
}

/**
 * A test body with its own browser context and page; on failure every open page is captured
 * under test-output/. MARQUEE_SCREENSHOTS=always captures them on success too.
 */
export function withPage(stack, name, body, { viewport = { width: 1280, height: 900 } } = {}) {
  return async () => {
    const context = await stack().browser.newContext({ viewport, baseURL: stack().baseUrl });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    try {
      await body(page, context);
      if (process.env.MARQUEE_SCREENSHOTS === 'always') await screenshot(page, `${name}-end`);
      if (errors.length) throw new Error(`uncaught errors in the page:\n${errors.join('\n')}`);
    } catch (error) {
      const file = await screenshot(page, `FAILED-${name}`);
      console.error(`screenshot: ${file}`);
      throw error;
    } finally {
      await context.close();
    }
  };
}

/** Registers a new customer through the API: their address, access token and user. */
export async function registerViaApi(baseUrl, name, password) {
  const email = uniqueEmail(name.toLowerCase());
  const auth = await json(baseUrl, 'POST', '/api/auth/register', { body: { name, email, password } });
  return { email, token: auth.accessToken, user: auth.user };
}

/** Logs in through the login page and waits for the signed-in name. */
export async function loginInUi(page, email, password) {
  await page.goto('/login');
  await fillLogin(page, email, password);
}

/** Fills and sends the login form already on screen. */
export async function fillLogin(page, email, password) {
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByTestId('signed-in-as').waitFor();
}

export function uniqueEmail(prefix) {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.test`;
}
