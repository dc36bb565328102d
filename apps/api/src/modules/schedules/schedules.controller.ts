import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth-user.js';
import { CurrentUser, RequirePermissions } from '../../common/decorators/access.decorators.js';
import { ProblemDto } from '../../common/dto/problem.dto.js';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe.js';
import { CreateScheduleDto, UpdateScheduleDto } from './dto/save-schedule.dto.js';
import { ScheduleChangedDto, ScheduleCreatedDto, ScheduleDto } from './dto/schedule.dto.js';
import { SchedulesService } from './schedules.service.js';

@ApiTags('schedules')
@Controller()
export class SchedulesController {
  constructor(private readonly schedules: SchedulesService) {}

  /** The weekly schedules of a service. */
  @Get('services/:id/schedules')
  @RequirePermissions('services:write')
  @ApiNotFoundResponse({ type: ProblemDto })
  list(@Param('id', ParseIdPipe) id: number): Promise<ScheduleDto[]> {
    return this.schedules.list(id);
  }

  /** Adds a weekly schedule and makes its sessions over the booking horizon. */
  @Post('services/:id/schedules')
  @RequirePermissions('services:write')
  @ApiNotFoundResponse({ type: ProblemDto })
  create(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: CreateScheduleDto,
  ): Promise<ScheduleCreatedDto> {
    return this.schedules.create(actor, id, dto);
  }

  /** Changes a schedule: its future sessions without bookings are replaced, those with bookings kept. */
  @Patch('schedules/:id')
  @RequirePermissions('services:write')
  @ApiNotFoundResponse({ type: ProblemDto })
  update(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: UpdateScheduleDto,
  ): Promise<ScheduleChangedDto> {
    return this.schedules.update(actor, id, dto);
  }

  /** Deletes a schedule and its future sessions without bookings; sessions with bookings stay. */
  @Delete('schedules/:id')
  @HttpCode(204)
  @RequirePermissions('services:write')
  @ApiNotFoundResponse({ type: ProblemDto })
  remove(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.schedules.remove(actor, id);
  }
}
