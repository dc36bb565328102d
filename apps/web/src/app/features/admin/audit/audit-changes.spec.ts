import { describeChanges, formatAuditValue } from './audit-changes';

describe('describeChanges', () => {
  it('shows each changed field as before → after', () => {
    expect(describeChanges({ before: { capacity: 40 }, after: { capacity: 60 } })).toEqual(['capacity: 40 → 60']);
    expect(describeChanges({ before: { name: 'A', isActive: true }, after: { name: 'B', isActive: false } })).toEqual([
      'name: "A" → "B"',
      'isActive: true → false',
    ]);
  });

  it('shows a value that was set or cleared as none', () => {
    expect(describeChanges({ before: { location: null }, after: { location: 'Blue Room' } })).toEqual(['location: none → "Blue Room"']);
    expect(describeChanges({ before: { imageUrl: 'https://x.test/a.png' }, after: { imageUrl: null } })).toEqual([
      'imageUrl: "https://x.test/a.png" → none',
    ]);
  });

  it('shows the permissions a role gained and lost', () => {
    expect(
      describeChanges({ before: { permissions: ['stats:read', 'users:read'] }, after: { permissions: ['audit:read', 'users:read'] } }),
    ).toEqual(['permissions: added audit:read; removed stats:read']);
    expect(describeChanges({ before: { permissions: [] }, after: { permissions: ['audit:read', 'stats:read'] } })).toEqual([
      'permissions: added audit:read, stats:read',
    ]);
  });

  it('lists the fields of a created or deleted record, leaving out those without a value', () => {
    expect(describeChanges({ before: null, after: { name: 'Jazz', capacity: 40, location: null } })).toEqual([
      'name: "Jazz"',
      'capacity: 40',
    ]);
    expect(describeChanges({ before: { name: 'auditor', permissions: ['audit:read'] }, after: null })).toEqual([
      'name: "auditor"',
      'permissions: audit:read',
    ]);
  });

  it('has no lines when nothing was recorded', () => {
    expect(describeChanges({ before: null, after: null })).toEqual([]);
  });
});

describe('formatAuditValue', () => {
  it('quotes strings and cuts long ones', () => {
    expect(formatAuditValue('Jazz')).toBe('"Jazz"');
    const long = formatAuditValue('x'.repeat(500));
    expect(long).toBe(`"${'x'.repeat(79)}…"`);
  });

  it('writes numbers, booleans, empty values, lists and objects plainly', () => {
    expect(formatAuditValue(2500)).toBe('2500');
    expect(formatAuditValue(false)).toBe('false');
    expect(formatAuditValue(undefined)).toBe('none');
    expect(formatAuditValue([])).toBe('none');
    expect(formatAuditValue(['a', 2])).toBe('a, 2');
    expect(formatAuditValue({ a: 1 })).toBe('{"a":1}');
  });
});
