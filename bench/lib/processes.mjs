// The servers under test (the built API and the baseline) as child processes: start, readiness,
// resident memory, stop. Their output goes to a log file in the run folder, not through a pipe:
// the harness also drives the load and must not spend its CPU reading request logs.
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// The helpers every test harness shares: a free port, one HTTP call with a deadline that never throws
// ({ status, body } or, when no answer came, { status: 0, error }), and a server process.
import { call, freePort, spawnApi } from '../../apps/api/test/harness/processes.mjs';
import { log, onCleanup } from './lifecycle.mjs';

export { call, freePort };

/** Resident memory of a process in MB (VmRSS from /proc), or null where /proc is missing. */
export function residentMegabytes(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kilobytes = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
    return Number.isFinite(kilobytes) ? kilobytes / 1024 : null;
  } catch {
    return null;
  }
}

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time (user + system) a process has used so far, in seconds; null where /proc is missing. */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of proc(5) (utime, stime) are the 12th and 13th after the command name.
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** A server under test, run as `node [nodeArgs] script` with exactly `env`. */
export class Server {
  /**
   * @param {{ name: string, script: string, env: Record<string, string>, runDir: string, nodeArgs?: string[] }} options
   */
  constructor({ name, script, env, runDir, nodeArgs = [] }) {
    this.name = name;
    this.port = Number(env.PORT);
    this.url = `http://127.0.0.1:${this.port}`;
    this.logFile = join(runDir, `${name.replace(/\W+/g, '-')}-${this.port}.log`);
    const output = openSync(this.logFile, 'a');
    // cwd: the run folder, which has no .env file, so only the environment given here counts.
    this.handle = spawnApi({ name, main: script, env, cwd: runDir, nodeArgs, stdio: ['ignore', output, output] });
    closeSync(output);
    this.child = this.handle.child;
    this.pid = this.handle.pid;
    this.exited = this.handle.exited;
    onCleanup(() => this.stop());
  }

  get running() {
    return this.handle.running();
  }

  /** The last lines of the server's log, for messages. */
  tail(lines = 8) {
    try {
      return readFileSync(this.logFile, 'utf8').trim().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }

  /** Waits for the first 200 from /api/health/ready; resolves the milliseconds since spawn. */
  waitReady(timeoutMs = 60_000, intervalMs = 50) {
    return this.handle.waitReady({ timeoutMs, intervalMs, callTimeoutMs: 2000, describeOutput: () => this.tail() });
  }

  residentMegabytes() {
    return residentMegabytes(this.pid);
  }

  cpuSeconds() {
    return cpuSeconds(this.pid);
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000) {
    const exit = await this.handle.stop('SIGTERM', graceMs);
    if (exit.killed) log(`${this.name} did not stop within ${graceMs} ms: SIGKILL`);
    return exit;
  }
}
