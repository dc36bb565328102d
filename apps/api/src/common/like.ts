/** A `LIKE :x ESCAPE '!'` pattern matching `value` anywhere (the same SQL on MySQL and SQLite). */
export function containsPattern(value: string): string {
  return `%${value.replace(/[!%_]/g, (char) => `!${char}`)}%`;
}
