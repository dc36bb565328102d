const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Parses a lifetime such as `15m`, `7d`, `3600s` or `900` (seconds) into seconds; NaN when malformed. */
export function parseDurationSeconds(value: string): number {
  const match = /^(\d+)\s*([smhd]?)$/.exec(value.trim());
  if (!match) return Number.NaN;
  return Number(match[1]) * UNIT_SECONDS[match[2] || 's'];
}
