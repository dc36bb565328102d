import type { AuditEntryDto } from '@marquee/contracts/client';

/** Longer texts (a service's description …) are cut to this many characters. */
const MAX_TEXT = 80;

/**
 * What an audit entry changed, one line a field: `capacity: 40 → 60`, `name: "A" → "B"`,
 * `permissions: added audit:read; removed stats:read`. A created or deleted record (only `after`
 * or only `before`) lists its fields that had a value: `capacity: 40`.
 */
export function describeChanges({ before, after }: Pick<AuditEntryDto, 'before' | 'after'>): string[] {
  if (before && after) {
    const fields = [...new Set([...Object.keys(after), ...Object.keys(before)])];
    return fields.map((field) => `${field}: ${describeChange(before[field], after[field])}`);
  }
  const snapshot = after ?? before ?? {};
  return Object.entries(snapshot)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([field, value]) => `${field}: ${formatAuditValue(value)}`);
}

function describeChange(was: unknown, is: unknown): string {
  if (Array.isArray(was) && Array.isArray(is)) {
    const added = is.filter((item) => !was.some((old) => sameValue(old, item)));
    const removed = was.filter((old) => !is.some((item) => sameValue(old, item)));
    const parts = [
      ...(added.length > 0 ? [`added ${formatAuditValue(added)}`] : []),
      ...(removed.length > 0 ? [`removed ${formatAuditValue(removed)}`] : []),
    ];
    if (parts.length > 0) return parts.join('; ');
  }
  return `${formatAuditValue(was)} → ${formatAuditValue(is)}`;
}

/** One recorded value as text: strings quoted, lists comma-separated, no value as `none`. */
export function formatAuditValue(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'string') return JSON.stringify(shorten(value));
  if (Array.isArray(value))
    return value.length === 0 ? 'none' : value.map((item) => (typeof item === 'string' ? item : formatAuditValue(item))).join(', ');
  if (typeof value === 'object') return shorten(JSON.stringify(value));
  return String(value as number | boolean);
}

function shorten(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
