// The weekly pattern's occurrences are shared with the web app's schedule preview.
export { isoWeekday, occurrences, type Occurrence, type WeeklyPattern } from '@marquee/contracts';

/** "1,3,5" → [1, 3, 5] */
export const parseWeekdays = (stored: string): number[] => stored.split(',').map(Number);
/** "10:00,14:00" → ["10:00", "14:00"] */
export const parseTimes = (stored: string): string[] => stored.split(',');
/** Weekdays as stored: ascending, comma-separated. */
export const formatWeekdays = (weekdays: number[]): string => [...weekdays].sort((a, b) => a - b).join(',');
/** Times as stored: in clock order, comma-separated. */
export const formatTimes = (times: string[]): string => [...times].sort().join(',');
