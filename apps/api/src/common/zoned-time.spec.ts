import { localParts, zonedInstant } from './venue-clock.js';

const BERLIN = 'Europe/Berlin';

describe('zonedInstant', () => {
  it.each([
    // The Saturday before the spring change: CET, UTC+1.
    ['2027-03-27', '02:30', '2027-03-27T01:30:00.000Z'],
    ['2027-03-27', '19:30', '2027-03-27T18:30:00.000Z'],
    // Spring Sunday: 02:00 CET becomes 03:00 CEST; 02:30 does not exist and moves forward by the hour to 03:30 CEST.
    ['2027-03-28', '01:59', '2027-03-28T00:59:00.000Z'],
    ['2027-03-28', '02:00', '2027-03-28T01:00:00.000Z'],
    ['2027-03-28', '02:30', '2027-03-28T01:30:00.000Z'],
    ['2027-03-28', '03:30', '2027-03-28T01:30:00.000Z'],
    ['2027-03-28', '19:30', '2027-03-28T17:30:00.000Z'],
    ['2027-03-29', '02:30', '2027-03-29T00:30:00.000Z'],
    // Autumn Sunday: 03:00 CEST becomes 02:00 CET; 02:00–02:59 happens twice, the first time (CEST) counts.
    ['2027-10-30', '02:30', '2027-10-30T00:30:00.000Z'],
    ['2027-10-31', '01:59', '2027-10-30T23:59:00.000Z'],
    ['2027-10-31', '02:00', '2027-10-31T00:00:00.000Z'],
    ['2027-10-31', '02:30', '2027-10-31T00:30:00.000Z'],
    ['2027-10-31', '03:00', '2027-10-31T02:00:00.000Z'],
    ['2027-10-31', '19:30', '2027-10-31T18:30:00.000Z'],
    ['2027-11-01', '02:30', '2027-11-01T01:30:00.000Z'],
  ])('Europe/Berlin %s %s is %s', (date, time, expected) => {
    expect(zonedInstant(date, time, BERLIN).toISOString()).toBe(expected);
  });

  it.each([
    // UTC+5:30 and UTC+5:45 all year.
    ['Asia/Kolkata', '2027-03-28', '10:00', '2027-03-28T04:30:00.000Z'],
    ['Asia/Kathmandu', '2027-03-28', '00:10', '2027-03-27T18:25:00.000Z'],
    // Lord Howe Island moves its clocks by 30 minutes: +10:30 → +11:00 at 02:00 on 2027-10-03, back at 02:00 on 2027-04-04.
    ['Australia/Lord_Howe', '2027-10-03', '01:59', '2027-10-02T15:29:00.000Z'],
    ['Australia/Lord_Howe', '2027-10-03', '02:15', '2027-10-02T15:45:00.000Z'],
    ['Australia/Lord_Howe', '2027-10-03', '02:45', '2027-10-02T15:45:00.000Z'],
    ['Australia/Lord_Howe', '2027-04-04', '01:45', '2027-04-03T14:45:00.000Z'],
    ['Australia/Lord_Howe', '2027-04-04', '02:00', '2027-04-03T15:30:00.000Z'],
    // No change of the clocks: the wall clock is UTC's.
    ['UTC', '2027-03-28', '02:30', '2027-03-28T02:30:00.000Z'],
    // West of Greenwich: New York's spring change (2027-03-14) and autumn change (2027-11-07).
    ['America/New_York', '2027-03-14', '02:30', '2027-03-14T07:30:00.000Z'],
    ['America/New_York', '2027-11-07', '01:30', '2027-11-07T05:30:00.000Z'],
  ])('%s %s %s is %s', (zone, date, time, expected) => {
    expect(zonedInstant(date, time, zone).toISOString()).toBe(expected);
  });
});

describe('localParts', () => {
  it.each([
    ['2027-03-28T01:30:00.000Z', BERLIN, { date: '2027-03-28', time: '03:30' }],
    ['2027-10-31T00:30:00.000Z', BERLIN, { date: '2027-10-31', time: '02:30' }],
    ['2027-10-31T01:30:00.000Z', BERLIN, { date: '2027-10-31', time: '02:30' }],
    ['2027-10-31T23:30:00.000Z', BERLIN, { date: '2027-11-01', time: '00:30' }],
    ['2027-03-27T18:25:00.000Z', 'Asia/Kathmandu', { date: '2027-03-28', time: '00:10' }],
    ['2027-10-02T15:45:00.000Z', 'Australia/Lord_Howe', { date: '2027-10-03', time: '02:45' }],
  ])('%s in %s is %j', (instant, zone, expected) => {
    expect(localParts(new Date(instant), zone)).toEqual(expected);
  });

  it('reads back every local time of a day that exists, across both changes', () => {
    for (const date of ['2027-03-28', '2027-10-31']) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
        const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        const local = localParts(zonedInstant(date, time, BERLIN), BERLIN);
        const skipped = date === '2027-03-28' && time >= '02:00' && time < '03:00';
        expect(local).toEqual(skipped ? { date, time: `03:${time.slice(3)}` } : { date, time });
      }
    }
  });
});
