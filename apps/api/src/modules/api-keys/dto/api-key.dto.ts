import { ALL_PERMISSIONS, type Permission } from '@marquee/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { ApiInteger } from '../../../common/dto/api-integer.js';

/** An API key as its owner sees it; never the key itself. */
export class ApiKeyDto {
  /** @example 3 */
  @ApiInteger()
  id!: number;
  /** @example "Box office sync" */
  name!: string;
  /** What the key was given; it uses only those its owner's role still holds. */
  @ApiProperty({ enum: ALL_PERMISSIONS, isArray: true, maxItems: ALL_PERMISSIONS.length })
  permissions!: Permission[];
  /** The key's first characters (`mk_` and eight more), to recognise it. */
  @ApiProperty({ example: 'mk_Q2h5dF8k' })
  prefix!: string;
  /** @example "2026-11-20T09:15:00.000Z" */
  createdAt!: Date;
  /**
   * The last request made with the key, to within a minute; null when it was never used.
   * @example "2026-11-21T10:02:00.000Z"
   */
  lastUsedAt!: Date | null;
  /**
   * When the key stops working; null when it works until revoked.
   * @example "2027-11-20T00:00:00.000Z"
   */
  expiresAt!: Date | null;
}

/** A key just made: the only answer that holds the key itself. */
export class CreatedApiKeyDto extends ApiKeyDto {
  /** The key, to send as `Authorization: Bearer mk_…`. Shown this once: only its hash is kept. */
  @ApiProperty({ example: 'mk_Q2h5dF8kVx3m0b9Yq7TzR1cNw5sLp2eHj6uGa4KfD8o' })
  key!: string;
}
