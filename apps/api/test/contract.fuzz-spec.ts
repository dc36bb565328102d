import { appendFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { ContractChecks, type Exchange } from './support/fuzz/contract-checks.js';
import { fuzzCases, toJsonText, type FuzzCase, type Payload } from './support/fuzz/fuzz-cases.js';
import { FuzzReport, ViolationLog } from './support/fuzz/fuzz-report.js';
import { FuzzWorld, WORLD_HINTS } from './support/fuzz/fuzz-world.js';
import { OpenApiDocument, type Operation } from './support/fuzz/openapi.js';
import { TestApp, type Reply } from './support/test-app.js';

/**
 * Contract fuzzing: every operation of libs/contracts/openapi.json (read now, so a new operation
 * is fuzzed without editing this file) gets generated requests, valid and mutated, sent as a
 * caller allowed to call it. Whatever the request, the API answers no 5xx and shows no internals;
 * a 4xx is a problem+json that wrote nothing; a 2xx matches the spec's schema with no undeclared
 * property; what the spec refuses is refused. FUZZ_RUNS sets the runs per operation, FUZZ_SEED
 * replays a run (`npm run test:fuzz` runs longer), FUZZ_TRACE=<file> appends every exchange to a file.
 */
const CONTRACT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../libs/contracts/openapi.json');
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : (Date.now() ^ Math.floor(Math.random() * 2 ** 32)) | 0;
const TRACE = process.env.FUZZ_TRACE;
const operations = OpenApiDocument.read(CONTRACT).operations();

describe(`contract fuzzing of openapi.json (seed ${SEED})`, () => {
  let app: TestApp;
  let world: FuzzWorld;
  const checks = new ContractChecks();
  const report = new FuzzReport(SEED, RUNS);

  beforeAll(async () => {
    app = await TestApp.start();
    world = await FuzzWorld.create(app);
  }, 60_000);

  afterAll(async () => {
    process.stdout.write(report.render());
    await app?.close();
  });

  it.each(operations.map((op) => [op.key, op] as const))(
    '%s keeps the contract',
    async (_key, op) => {
      const violations = new ViolationLog();
      await fc.assert(
        fc.asyncProperty(fuzzCases(op, WORLD_HINTS), async (fuzzCase) => {
          const started = Date.now();
          const exchange = await send(op, fuzzCase);
          report.record(op, exchange.reply.status, Date.now() - started);
          violations.add(checks.violations(exchange), exchange);
          if (TRACE) appendFileSync(TRACE, `${exchange.reply.status} ${exchange.label}: ${exchange.request}\n`);
        }),
        // Violations are collected, not thrown: a throw is a broken fixture, not worth shrinking.
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
      expect(violations.lines()).toEqual([]);
    },
    30_000 + RUNS * 200,
  );

  /** Resolves the case against the world, sends it and snapshots the row counts around it. */
  async function send(op: Operation, fuzzCase: FuzzCase): Promise<Exchange> {
    const caller = await world.caller(op, fuzzCase);
    const fill = async (value: unknown) => world.resolve(value, op, caller);
    const pathValues: Record<string, string> = {};
    for (const [name, value] of Object.entries(fuzzCase.path)) pathValues[name] = String(await fill(value));
    const query: string[] = [];
    for (const [name, value] of fuzzCase.query) query.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(await fill(value)))}`);
    const url =
      op.path.replace(/\{([^}]+)\}/g, (_match, name: string) => pathValues[name]) + (query.length > 0 ? `?${query.join('&')}` : '');
    const { raw, contentType, form } = await bodyOf(fuzzCase.payload, fill);
    const headers = { ...fuzzCase.headers, ...(contentType ? { 'content-type': contentType } : {}) };

    const rowsBefore = await app.rowCounts();
    let reply: Reply;
    try {
      reply = await app.request(op.method, url, { token: caller?.accessToken, raw, form, headers });
    } catch (error) {
      if (app.server.process.exitCode === null) throw error;
      throw new Error(`the API died on ${op.method} ${url}:\n${app.server.output().slice(-3_000)}`, { cause: error });
    }
    const rowsAfter = reply.status >= 400 && reply.status < 500 ? await app.rowCounts() : rowsBefore;
    await world.heal(caller, reply.status);
    const who = !caller ? 'anonymously' : world.isAdmin(caller) ? 'as the admin' : 'as a customer';
    return {
      op,
      label: fuzzCase.label,
      expect: fuzzCase.expect,
      request: `${op.method} ${url.slice(0, 300)} ${who}${raw === undefined ? '' : ` [${contentType ?? 'text/plain'}] ${raw.slice(0, 300)}`}${form ? ` [multipart/form-data] ${describeForm(form)}` : ''}`,
      reply,
      text: typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body),
      rowsBefore,
      rowsAfter,
    };
  }
});

async function bodyOf(
  payload: Payload,
  fill: (value: unknown) => Promise<unknown>,
): Promise<{ raw?: string; contentType?: string; form?: FormData }> {
  switch (payload.kind) {
    case 'form': {
      const form = new FormData();
      for (const [name, value] of Object.entries(payload.fields)) {
        if (Buffer.isBuffer(value)) form.append(name, new Blob([new Uint8Array(value)]), `${name}.bin`);
        else form.append(name, String(await fill(value)));
      }
      return { form };
    }
    case 'none':
      return {};
    case 'raw':
      return { raw: payload.text, contentType: payload.contentType };
    case 'json': {
      let raw = toJsonText(await fill(payload.value));
      // A key given twice: a first, throw-away value before the real body's fields.
      if (payload.duplicate) raw = `{${JSON.stringify(payload.duplicate)}:"first"${raw === '{}' ? '' : `,${raw.slice(1, -1)}`}}`;
      return { raw, contentType: payload.contentType === null ? undefined : (payload.contentType ?? 'application/json') };
    }
  }
}

/** The form's fields for the report: text as it is (cut), files by their size. */
function describeForm(form: FormData): string {
  const parts: string[] = [];
  form.forEach((value, name) =>
    parts.push(`${name}=${typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : `<${value.size} bytes>`}`),
  );
  return parts.join(' ');
}
