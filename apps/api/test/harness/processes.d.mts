import type { ChildProcess, StdioOptions } from 'node:child_process';

export { setTimeout as sleep } from 'node:timers/promises';

/** The repository root. */
export const ROOT: string;
/** The built API: MARQUEE_API_MAIN (relative to the repository root) or apps/api/dist/main.js. */
export const API_MAIN: string;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  ms?: number;
  killed?: true;
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number>;
/** Resolves once `child` has exited (at once when it already has). */
export function exitOf(child: ChildProcess): Promise<Exit>;
/** Sends `signal` and waits for the exit; after `graceMs` (when finite) sends SIGKILL. */
export function stopProcess(child: ChildProcess, options?: { signal?: NodeJS.Signals; graceMs?: number }): Promise<Exit>;
/** Collects a child's output: all of it, or the last `keepLines` lines. */
export function collectOutput(child: ChildProcess, keepLines?: number): () => string;

export interface SpawnOptions {
  /** Exactly the environment of the process; PORT included (startApi picks a free one when it is missing). */
  env: Record<string, string | undefined>;
  cwd: string;
  name?: string;
  main?: string;
  nodeArgs?: string[];
  keepLines?: number;
  stdio?: StdioOptions;
}

export interface ReadyOptions {
  path?: string;
  timeoutMs?: number;
  intervalMs?: number;
  callTimeoutMs?: number;
  describeOutput?: () => string;
}

export interface ApiProcess {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  pid: number | undefined;
  exited: Promise<Exit>;
  output(): string;
  running(): boolean;
  /** Polls the readiness path until 200; resolves the milliseconds since spawn. */
  waitReady(options?: ReadyOptions): Promise<number>;
  /** `signal` (SIGTERM), then SIGKILL after `graceMs` (10 s; Infinity: never). */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<Exit>;
}

export function spawnApi(options: SpawnOptions): ApiProcess;
export function startApi(options: SpawnOptions & { ready?: ReadyOptions }): Promise<ApiProcess>;

export interface CallOptions {
  method?: string;
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** Never throws: status 0 with `error` when no answer came. */
export interface Answer {
  status: number;
  body?: unknown;
  headers?: Headers;
  error?: string;
}

export function call(url: string, options?: CallOptions): Promise<Answer>;
export function describe(response: Answer): string;
export function json<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  options?: { token?: string; body?: unknown; timeoutMs?: number },
): Promise<T>;
export function login<T = unknown>(baseUrl: string, email: string, password: string): Promise<T>;
