import { isoWeekday, occurrences, type WeeklyPattern } from './weekly-pattern.js';

const daily = (times: string[], startsOn = '2027-03-26', endsOn: string | null = null): WeeklyPattern => ({
  weekdays: [1, 2, 3, 4, 5, 6, 7],
  times,
  startsOn,
  endsOn,
});
const starts = (pattern: WeeklyPattern, from: string, to: string, zone = 'Europe/Berlin') =>
  occurrences(pattern, from, to, zone).map(({ localDate, startsAt }) => `${localDate} ${startsAt.toISOString()}`);

describe('occurrences', () => {
  it('follows Berlin across the spring change', () => {
    expect(starts(daily(['02:30', '19:30']), '2027-03-27', '2027-03-29')).toEqual([
      '2027-03-27 2027-03-27T01:30:00.000Z',
      '2027-03-27 2027-03-27T18:30:00.000Z',
      '2027-03-28 2027-03-28T01:30:00.000Z',
      '2027-03-28 2027-03-28T17:30:00.000Z',
      '2027-03-29 2027-03-29T00:30:00.000Z',
      '2027-03-29 2027-03-29T17:30:00.000Z',
    ]);
  });

  it('follows Berlin across the autumn change', () => {
    expect(starts(daily(['02:30', '19:30'], '2027-10-01'), '2027-10-30', '2027-11-01')).toEqual([
      '2027-10-30 2027-10-30T00:30:00.000Z',
      '2027-10-30 2027-10-30T17:30:00.000Z',
      '2027-10-31 2027-10-31T00:30:00.000Z',
      '2027-10-31 2027-10-31T18:30:00.000Z',
      '2027-11-01 2027-11-01T01:30:00.000Z',
      '2027-11-01 2027-11-01T18:30:00.000Z',
    ]);
  });

  it('makes one session of two times that name one instant (02:30 and 03:30 on the spring Sunday)', () => {
    expect(starts(daily(['02:30', '03:30']), '2027-03-28', '2027-03-28')).toEqual(['2027-03-28 2027-03-28T01:30:00.000Z']);
  });

  it('keeps to the weekdays and to the dates of both the pattern and the window', () => {
    const pattern: WeeklyPattern = { weekdays: [1, 3, 5], times: ['10:00'], startsOn: '2027-01-06', endsOn: '2027-01-15' };
    expect(starts(pattern, '2027-01-01', '2027-01-31', 'UTC')).toEqual([
      '2027-01-06 2027-01-06T10:00:00.000Z',
      '2027-01-08 2027-01-08T10:00:00.000Z',
      '2027-01-11 2027-01-11T10:00:00.000Z',
      '2027-01-13 2027-01-13T10:00:00.000Z',
      '2027-01-15 2027-01-15T10:00:00.000Z',
    ]);
    expect(starts(pattern, '2027-01-09', '2027-01-12', 'UTC')).toEqual(['2027-01-11 2027-01-11T10:00:00.000Z']);
    expect(starts(pattern, '2027-01-16', '2027-01-31', 'UTC')).toEqual([]);
  });
});

describe('isoWeekday', () => {
  it.each([
    ['2027-03-22', 1],
    ['2027-03-27', 6],
    ['2027-03-28', 7],
    ['2027-10-31', 7],
    ['2027-11-03', 3],
  ])('%s is ISO weekday %d', (date, weekday) => {
    expect(isoWeekday(date)).toBe(weekday);
  });
});
