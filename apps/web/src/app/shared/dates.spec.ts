import { formatDay, formatMoment, formatStart, todayIso } from './dates';

describe('dates', () => {
  it('shows a booking date as people read it, whatever the browser’s zone', () => {
    expect(formatDay('2026-11-28')).toBe('Sat 28 Nov 2026');
    expect(formatDay('2030-01-02')).toBe('Wed 2 Jan 2030');
  });

  it('shows a moment on the venue’s clock', () => {
    expect(formatMoment('2026-11-28T13:05:00Z', 'Europe/Paris')).toBe('Sat 28 Nov 2026, 14:05');
    expect(formatMoment('2026-11-28T13:05:00Z', 'Pacific/Kiritimati')).toBe('Sun 29 Nov 2026, 03:05');
    expect(formatMoment('2026-11-28T13:05:00Z', 'UTC')).toBe('Sat 28 Nov 2026, 13:05');
  });

  it('shows a session’s start on the venue’s clock, without the year', () => {
    expect(formatStart('2026-11-28T18:30:00Z', 'Europe/Paris')).toBe('Sat 28 Nov, 19:30');
    expect(formatStart('2026-11-28T18:30:00Z', 'Pacific/Kiritimati')).toBe('Sun 29 Nov, 08:30');
  });

  it('answers today in the venue’s zone, not UTC’s', () => {
    const now = new Date('2026-11-28T08:00:00Z');
    expect(todayIso(now)).toBe('2026-11-28');
    expect(todayIso(now, 'Pacific/Pago_Pago')).toBe('2026-11-27');
    expect(todayIso(new Date('2026-11-28T11:00:00Z'), 'Pacific/Kiritimati')).toBe('2026-11-29');
  });
});
