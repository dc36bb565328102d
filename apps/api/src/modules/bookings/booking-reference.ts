import { randomInt } from 'node:crypto';

/** Letters and digits that cannot be mistaken for one another when read out or typed: no 0/O, 1/I/L. */
export const REFERENCE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const REFERENCE_LENGTH = 8;

/** A new random booking reference (31^8 ≈ 8.5 × 10^11 of them; the unique index refuses a repeat). */
export function newBookingReference(): string {
  return Array.from({ length: REFERENCE_LENGTH }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]).join('');
}
