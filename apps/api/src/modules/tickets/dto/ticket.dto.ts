import { ApiProperty } from '@nestjs/swagger';

/** A booking's e-ticket: the signed code and the same code as a QR image. */
export class TicketDto {
  /**
   * The booking's reference, shown beside the code.
   * @example "K7M3Q9TX"
   */
  reference!: string;
  /**
   * The signed ticket code (base64url, 99 characters); GET /api/tickets/public-key checks it offline.
   * @example "CzBVep_E6Q4zWH2ix-wRNluApcrvFDleg6jN8hc8YYar0PUaP2SJrtP4HUJnjLHW-yBFao-02f4jSG2St9wBJktwlbrfBClOc5g"
   */
  @ApiProperty({ minLength: 99, maxLength: 99, pattern: '^[A-Za-z0-9_-]+$' })
  code!: string;
  /**
   * The code as a QR code, an SVG document.
   * @example "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 49 49\"><path d=\"M4 4h7v7H4z\"/></svg>"
   */
  @ApiProperty({ maxLength: 100_000 })
  qrSvg!: string;
}

/** The Ed25519 public key that verifies ticket codes, as a JSON Web Key (RFC 8037). */
export class TicketPublicKeyDto {
  @ApiProperty({ enum: ['OKP'] })
  kty!: 'OKP';
  @ApiProperty({ enum: ['Ed25519'] })
  crv!: 'Ed25519';
  /**
   * The public key, base64url (32 bytes).
   * @example "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
   */
  @ApiProperty({ minLength: 43, maxLength: 43 })
  x!: string;
  @ApiProperty({ enum: ['EdDSA'] })
  alg!: 'EdDSA';
  @ApiProperty({ enum: ['sig'] })
  use!: 'sig';
  /**
   * The key's id: the first 16 characters of `x`.
   * @example "11qYAYKxCrfVS_7T"
   */
  @ApiProperty({ maxLength: 16 })
  kid!: string;
}
