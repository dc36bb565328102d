/** A cell: text, a number, or nothing (an empty cell). */
export type CsvCell = string | number | null;

/** Characters that make a spreadsheet read a cell as a formula (or hide one behind a tab or CR). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One cell as RFC 4180 writes it: quoted (quotes doubled) when it holds a quote, comma, CR or LF.
 * Text that a spreadsheet would run as a formula (starting with = + - @, tab or CR) is prefixed with
 * `'`, so it shows as the text it is (OWASP's CSV injection advice).
 */
export function csvCell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV document (RFC 4180: CRLF after every record): the header row, then one record per row. */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  return [header, ...rows].map((record) => `${record.map(csvCell).join(',')}\r\n`).join('');
}
