import type { TransformFnParams } from 'class-transformer';

/**
 * The one spelling of an e-mail address that Marquee stores and compares: trimmed, lower-case and in
 * Unicode NFC (so a composed and a decomposed "é" are the same address). Every path that takes an
 * address — registration, login, profile and staff updates, the first admin — goes through it, and the
 * column compares bytes exactly (utf8mb4_bin on MySQL/MariaDB), so no other spelling (an accent, a
 * zero-width character) reaches the account.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase().normalize('NFC');
}

/** `@Transform(toNormalizedEmail)` on a DTO's e-mail field, ahead of `@IsEmail()`. */
export const toNormalizedEmail = ({ value }: TransformFnParams): unknown => (typeof value === 'string' ? normalizeEmail(value) : value);
