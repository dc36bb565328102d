import { isoWeekday, zonedInstant } from '@marquee/contracts';
import { previewSessions } from './weekly-pattern';

const at = (iso: string) => new Date(iso);

describe('weekly pattern preview', () => {
  it('numbers weekdays the ISO way', () => {
    expect(isoWeekday('2027-03-22')).toBe(1);
    expect(isoWeekday('2027-03-28')).toBe(7);
  });

  it('moves a time the clocks skip forward by the gap and takes the first of a repeated one (Berlin 2027)', () => {
    expect(zonedInstant('2027-03-28', '02:30', 'Europe/Berlin').toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(zonedInstant('2027-10-31', '02:30', 'Europe/Berlin').toISOString()).toBe('2027-10-31T00:30:00.000Z');
    expect(zonedInstant('2027-07-01', '19:30', 'Asia/Kathmandu').toISOString()).toBe('2027-07-01T13:45:00.000Z');
  });

  it('lists the sessions of the chosen weekdays and times within the dates, in time order, each instant once', () => {
    const pattern = { weekdays: [1, 7], times: ['14:00', '02:30', '03:30'], startsOn: '2027-03-23', endsOn: '2027-03-29' };
    const sessions = previewSessions(pattern, '2027-03-20', '2027-04-30', 'Europe/Berlin', at('2027-03-01T00:00:00Z'));
    expect(sessions.map((s) => `${s.localDate} ${s.localTime}`)).toEqual([
      '2027-03-28 03:30',
      '2027-03-28 14:00',
      '2027-03-29 02:30',
      '2027-03-29 03:30',
      '2027-03-29 14:00',
    ]);
  });

  it('leaves out what has started, as the API does', () => {
    const pattern = { weekdays: [1, 2, 3, 4, 5, 6, 7], times: ['10:00', '18:00'], startsOn: '2027-01-01', endsOn: null };
    const sessions = previewSessions(pattern, '2027-06-10', '2027-06-11', 'UTC', at('2027-06-10T12:00:00Z'));
    expect(sessions.map((s) => s.startsAt.toISOString())).toEqual([
      '2027-06-10T18:00:00.000Z',
      '2027-06-11T10:00:00.000Z',
      '2027-06-11T18:00:00.000Z',
    ]);
  });
});
