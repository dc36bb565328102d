import { addDays, daysBetween, isIsoDate, localParts, zonedInstant } from './venue-clock.js';

describe('isIsoDate', () => {
  it.each([['2026-01-01'], ['2024-02-29'], ['2026-12-31'], ['1999-06-15']])('accepts the calendar date %s', (value) => {
    expect(isIsoDate(value)).toBe(true);
  });

  it.each([
    ['2026-02-29'],
    ['2026-13-01'],
    ['2026-00-10'],
    ['2026-04-31'],
    ['2026-1-01'],
    ['26-01-01'],
    ['2026-01-01T00:00:00Z'],
    [' 2026-01-01'],
    ['2026/01/01'],
    [''],
    ['tomorrow'],
  ])('refuses %j', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });
});

describe('addDays', () => {
  it.each([
    ['2026-01-01', 0, '2026-01-01'],
    ['2026-01-01', 1, '2026-01-02'],
    ['2026-01-31', 1, '2026-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2026-03-28', 2, '2026-03-30'],
  ])('%s + %d days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2026-01-01', '2026-01-01', 0],
    ['2026-01-01', '2026-01-02', 1],
    ['2026-01-02', '2026-01-01', -1],
    ['2026-01-01', '2027-01-01', 365],
    ['2024-01-01', '2025-01-01', 366],
    ['2026-03-28', '2026-03-30', 2],
  ])('from %s to %s is %d days', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });

  it('is the inverse of addDays', () => {
    for (const days of [-400, -31, -1, 0, 1, 29, 92, 365]) expect(daysBetween('2026-06-15', addDays('2026-06-15', days))).toBe(days);
  });
});

describe('zonedInstant and localParts', () => {
  it.each([
    // Europe/Berlin: CET (+01:00) in winter, CEST (+02:00) in summer.
    ['2026-01-15', '00:00', 'Europe/Berlin', '2026-01-14T23:00:00.000Z'],
    ['2026-07-15', '19:30', 'Europe/Berlin', '2026-07-15T17:30:00.000Z'],
    // Spring forward on 2026-03-29: 02:00–03:00 does not exist; 02:30 moves forward by the gap.
    ['2026-03-29', '01:30', 'Europe/Berlin', '2026-03-29T00:30:00.000Z'],
    ['2026-03-29', '02:30', 'Europe/Berlin', '2026-03-29T01:30:00.000Z'],
    ['2026-03-29', '03:00', 'Europe/Berlin', '2026-03-29T01:00:00.000Z'],
    // Fall back on 2026-10-25: 02:00–03:00 happens twice; the first occurrence (CEST) is taken.
    ['2026-10-25', '02:30', 'Europe/Berlin', '2026-10-25T00:30:00.000Z'],
    ['2026-10-25', '03:30', 'Europe/Berlin', '2026-10-25T02:30:00.000Z'],
    ['2026-10-25', '00:00', 'Europe/Berlin', '2026-10-24T22:00:00.000Z'],
    ['2026-06-01', '10:00', 'UTC', '2026-06-01T10:00:00.000Z'],
    ['2026-06-01', '00:00', 'Pacific/Kiritimati', '2026-05-31T10:00:00.000Z'],
  ])('%s %s in %s is %s', (date, time, zone, expected) => {
    expect(zonedInstant(date, time, zone).toISOString()).toBe(expected);
  });

  it('reads an instant back as the local date and time', () => {
    expect(localParts(new Date('2026-10-25T00:30:00Z'), 'Europe/Berlin')).toEqual({ date: '2026-10-25', time: '02:30' });
    expect(localParts(new Date('2026-10-25T01:30:00Z'), 'Europe/Berlin')).toEqual({ date: '2026-10-25', time: '02:30' });
    expect(localParts(new Date('2026-03-28T23:00:00Z'), 'Europe/Berlin')).toEqual({ date: '2026-03-29', time: '00:00' });
  });
});
