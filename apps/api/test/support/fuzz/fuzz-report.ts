import type { Exchange } from './contract-checks.js';
import type { Operation } from './openapi.js';

interface OperationTally {
  op: Operation;
  requests: number;
  statuses: Map<number, number>;
  milliseconds: number;
}

/** Requests sent and statuses seen, per operation: printed once the suite ends. */
export class FuzzReport {
  private readonly tallies = new Map<string, OperationTally>();
  private readonly started = Date.now();

  constructor(
    private readonly seed: number,
    private readonly runs: number,
  ) {}

  record(op: Operation, status: number, milliseconds: number): void {
    const tally = this.tallies.get(op.key) ?? { op, requests: 0, statuses: new Map(), milliseconds: 0 };
    tally.requests += 1;
    tally.milliseconds += milliseconds;
    tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
    this.tallies.set(op.key, tally);
  }

  render(): string {
    const tallies = [...this.tallies.values()];
    const classes = (tally: OperationTally, digit: number) =>
      [...tally.statuses].filter(([status]) => Math.floor(status / 100) === digit).reduce((sum, [, count]) => sum + count, 0);
    const total = (digit: number) => tallies.reduce((sum, tally) => sum + classes(tally, digit), 0);
    const width = Math.max(10, ...tallies.map((tally) => tally.op.key.length));
    const lines = [
      '',
      `contract fuzz: seed ${this.seed} (FUZZ_SEED=${this.seed} replays it), ${this.runs} runs per operation (FUZZ_RUNS)`,
      `${'operation'.padEnd(width)}  requests    2xx    4xx    5xx  statuses`,
      ...tallies.map(
        (tally) =>
          `${tally.op.key.padEnd(width)}  ${String(tally.requests).padStart(8)}  ${[2, 4, 5].map((digit) => String(classes(tally, digit)).padStart(5)).join('  ')}  ${[
            ...tally.statuses,
          ]
            .sort(([a], [b]) => a - b)
            .map(([status, count]) => `${status}×${count}`)
            .join(' ')}`,
      ),
      `${tallies.length} operations, ${tallies.reduce((sum, tally) => sum + tally.requests, 0)} requests: 2xx ${total(2)}, 3xx ${total(3)}, 4xx ${total(4)}, 5xx ${total(5)}, in ${((Date.now() - this.started) / 1000).toFixed(1)} s`,
    ];
    const undeclared = tallies
      .map((tally) => [tally.op.key, [...tally.statuses.keys()].filter((status) => !tally.op.responses.has(status)).sort()] as const)
      .filter(([, statuses]) => statuses.length > 0);
    if (undeclared.length > 0) {
      lines.push(
        `statuses answered but not declared in the spec: ${undeclared.map(([key, statuses]) => `${key} (${statuses.join(', ')})`).join('; ')}`,
      );
    }
    const neverSucceeded = tallies.filter((tally) => classes(tally, 2) === 0).map((tally) => tally.op.key);
    if (neverSucceeded.length > 0)
      lines.push(`never answered 2xx (the fuzz did not reach their success path): ${neverSucceeded.join(', ')}`);
    return `${lines.join('\n')}\n\n`;
  }
}

/** Contract violations grouped by what went wrong, each with the first request that showed it. */
export class ViolationLog {
  private readonly groups = new Map<string, { count: number; labels: Set<string>; example: string }>();

  add(violations: string[], exchange: Exchange): void {
    for (const violation of violations) {
      const key = violation.replace(/\d+/g, '#');
      const group = this.groups.get(key) ?? {
        count: 0,
        labels: new Set<string>(),
        example: `${violation}\n    e.g. ${exchange.label}: ${exchange.request}\n    → ${exchange.reply.status} ${exchange.text.slice(0, 400)}`,
      };
      group.count += 1;
      group.labels.add(exchange.label);
      this.groups.set(key, group);
    }
  }

  /** One entry per kind of violation (none when the operation kept the contract). */
  lines(limit = 25): string[] {
    const lines = [...this.groups.values()].map(({ count, labels, example }) => {
      const cases = [...labels].slice(0, 6).join(' | ');
      return `${count}× ${example}\n    cases: ${cases}${labels.size > 6 ? ` | … (${labels.size} kinds)` : ''}`;
    });
    return lines.length > limit ? [...lines.slice(0, limit), `… and ${lines.length - limit} more kinds`] : lines;
  }
}
