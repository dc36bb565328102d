import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth-user.js';
import { CurrentUser, RequirePermissions } from '../../common/decorators/access.decorators.js';
import { ProblemDto } from '../../common/dto/problem.dto.js';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe.js';
import { CheckInsService } from './check-ins.service.js';
import { CheckInCountDto, CheckInDto, CheckInProblemDto, CreateCheckInDto } from './dto/check-in.dto.js';

@ApiTags('check-ins')
@Controller()
export class CheckInsController {
  constructor(private readonly checkIns: CheckInsService) {}

  /** Checks a scanned ticket in: it admits once. */
  @Post('check-ins')
  @RequirePermissions('checkins:write')
  @ApiBadRequestResponse({ type: ProblemDto, description: '`invalid-ticket`: a malformed or forged code; or `validation`' })
  @ApiConflictResponse({
    type: CheckInProblemDto,
    description: '`already-checked-in` (with `checkedInAt` and `checkedInBy`), `not-valid` (cancelled) or `wrong-session`',
  })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No booking has the typed `reference`' })
  checkIn(@CurrentUser() actor: AuthUser, @Body() dto: CreateCheckInDto): Promise<CheckInDto> {
    return this.checkIns.checkIn(actor, dto);
  }

  /** The session's door count: places booked and places checked in. */
  @Get('sessions/:id/check-ins')
  @RequirePermissions('checkins:write')
  @ApiNotFoundResponse({ type: ProblemDto })
  count(@Param('id', ParseIdPipe) id: number): Promise<CheckInCountDto> {
    return this.checkIns.count(id);
  }
}
