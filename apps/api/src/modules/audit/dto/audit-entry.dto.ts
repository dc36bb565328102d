import { AUDIT_ACTIONS, AUDIT_TARGETS, type AuditAction, type AuditTarget } from '@marquee/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../../common/dto/pagination.dto.js';

const VALUES = { type: 'object', additionalProperties: true, nullable: true } as const;

export class AuditEntryDto {
  id!: number;
  /** The staff member who acted. */
  actorId!: number;
  @ApiProperty({ enum: AUDIT_ACTIONS })
  action!: AuditAction;
  @ApiProperty({ enum: AUDIT_TARGETS })
  targetType!: AuditTarget;
  targetId!: number;
  /** The touched fields' values before the action (null when it created the record). */
  @ApiProperty(VALUES)
  before!: Record<string, unknown> | null;
  /** The touched fields' values after the action (null when it deleted the record). */
  @ApiProperty(VALUES)
  after!: Record<string, unknown> | null;
  createdAt!: Date;
}

export class AuditPageDto {
  data!: AuditEntryDto[];
  meta!: PageMetaDto;
}
