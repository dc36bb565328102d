import { ApiProperty } from '@nestjs/swagger';

/** A booking's e-ticket: the signed code and the same code as a QR image. */
export class TicketDto {
  /** The booking's reference, shown beside the code. */
  reference!: string;
  /** The signed ticket code (base64url, 99 characters); GET /api/tickets/public-key checks it offline. */
  @ApiProperty({ minLength: 99, maxLength: 99, pattern: '^[A-Za-z0-9_-]+$' })
  code!: string;
  /** The code as a QR code, an SVG document. */
  @ApiProperty({ maxLength: 100_000 })
  qrSvg!: string;
}

/** The Ed25519 public key that verifies ticket codes, as a JSON Web Key (RFC 8037). */
export class TicketPublicKeyDto {
  @ApiProperty({ enum: ['OKP'] })
  kty!: 'OKP';
  @ApiProperty({ enum: ['Ed25519'] })
  crv!: 'Ed25519';
  /** The public key, base64url (32 bytes). */
  @ApiProperty({ minLength: 43, maxLength: 43 })
  x!: string;
  @ApiProperty({ enum: ['EdDSA'] })
  alg!: 'EdDSA';
  @ApiProperty({ enum: ['sig'] })
  use!: 'sig';
  /** The key's id: the first 16 characters of `x`. */
  @ApiProperty({ maxLength: 16 })
  kid!: string;
}
