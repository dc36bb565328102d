import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../common/decorators/access.decorators.js';
import { AuditLog } from './audit-log.js';
import { AuditPageDto } from './dto/audit-entry.dto.js';
import { ListAuditQuery } from './dto/list-audit.query.js';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  /** Staff actions, newest first: filter by actor, action, target and day. */
  @Get()
  @RequirePermissions('audit:read')
  list(@Query() query: ListAuditQuery): Promise<AuditPageDto> {
    return this.audit.list(query);
  }
}
