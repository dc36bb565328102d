import { parseDurationSeconds } from './duration.js';

describe('parseDurationSeconds', () => {
  it.each([
    ['900', 900],
    ['45s', 45],
    ['15m', 900],
    ['12h', 43_200],
    ['7d', 604_800],
    ['0', 0],
    [' 15m ', 900],
    ['15 m', 900],
  ])('reads %j as %d seconds', (value, seconds) => {
    expect(parseDurationSeconds(value)).toBe(seconds);
  });

  it.each([[''], ['m'], ['15x'], ['1.5h'], ['-5m'], ['15mm'], ['fifteen'], ['15M'], ['1w']])('answers NaN for %j', (value) => {
    expect(parseDurationSeconds(value)).toBeNaN();
  });
});
