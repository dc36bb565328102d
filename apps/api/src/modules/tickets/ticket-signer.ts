import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';

/** What a ticket code says: which booking, for which session, how many people. */
export interface TicketClaims {
  bookingId: number;
  sessionId: number;
  quantity: number;
}

/** The public half of the signing key as a JSON Web Key (RFC 8037). */
export interface TicketPublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  alg: 'EdDSA';
  use: 'sig';
  kid: string;
}

/** The layout of a code's signed part: a version byte, the booking id, the session id (unsigned 32-bit, big-endian), the quantity. */
const VERSION = 1;
const SIGNED_BYTES = 10;
const SIGNATURE_BYTES = 64;
const MAX_ID = 0xffff_ffff;
const MAX_QUANTITY = 0xff;
/** PKCS#8 DER of an Ed25519 private key, up to its 32-byte seed (RFC 8410). */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const CODE = /^[A-Za-z0-9_-]{99}$/;

/**
 * Ticket codes (DESIGN §7): 74 bytes in base64url (99 characters, a QR code of version 6 at
 * error-correction level M), made of 10 signed bytes — version 1, the booking id, the session id,
 * the quantity — and their Ed25519 signature by TICKET_SIGNING_KEY. Anyone with the public key
 * (GET /api/tickets/public-key) can check a code offline; only this key can make one.
 */
@Injectable()
export class TicketSigner {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  readonly jwk: TicketPublicJwk;

  constructor(config: AppConfig) {
    this.privateKey = createPrivateKey({
      key: Buffer.concat([PKCS8_ED25519_PREFIX, config.ticketSigningKey]),
      format: 'der',
      type: 'pkcs8',
    });
    this.publicKey = createPublicKey(this.privateKey);
    const { x } = this.publicKey.export({ format: 'jwk' }) as { x: string };
    // The RFC 7638 thumbprint would need a hash; the key's own bytes are short and as unique.
    this.jwk = { kty: 'OKP', crv: 'Ed25519', x, alg: 'EdDSA', use: 'sig', kid: x.slice(0, 16) };
  }

  /** The code of a booking's ticket. */
  codeFor(booking: { id: number; sessionId: number; quantity: number }): string {
    return this.code({ bookingId: booking.id, sessionId: booking.sessionId, quantity: booking.quantity });
  }

  code({ bookingId, sessionId, quantity }: TicketClaims): string {
    if (bookingId > MAX_ID || sessionId > MAX_ID || quantity > MAX_QUANTITY)
      throw new Error('A ticket code holds 32-bit ids and a quantity up to 255');
    const signed = Buffer.alloc(SIGNED_BYTES);
    signed.writeUInt8(VERSION, 0);
    signed.writeUInt32BE(bookingId, 1);
    signed.writeUInt32BE(sessionId, 5);
    signed.writeUInt8(quantity, 9);
    return Buffer.concat([signed, sign(null, signed, this.privateKey)]).toString('base64url');
  }

  /** The claims of a code this key signed; undefined for anything else (malformed, another version, forged or altered). */
  read(code: string): TicketClaims | undefined {
    if (!CODE.test(code)) return undefined;
    const bytes = Buffer.from(code, 'base64url');
    // One spelling per code: a last character whose unused bits are set decodes to the same bytes.
    if (bytes.toString('base64url') !== code) return undefined;
    if (bytes.length !== SIGNED_BYTES + SIGNATURE_BYTES || bytes.readUInt8(0) !== VERSION) return undefined;
    const signed = bytes.subarray(0, SIGNED_BYTES);
    if (!verify(null, signed, this.publicKey, bytes.subarray(SIGNED_BYTES))) return undefined;
    const claims = { bookingId: signed.readUInt32BE(1), sessionId: signed.readUInt32BE(5), quantity: signed.readUInt8(9) };
    return claims.bookingId > 0 && claims.sessionId > 0 && claims.quantity > 0 ? claims : undefined;
  }
}
