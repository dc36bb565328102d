import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth-user.js';
import { CurrentUser, Public, RequirePermissions } from '../../common/decorators/access.decorators.js';
import { ProblemDto } from '../../common/dto/problem.dto.js';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe.js';
import { CreateTicketTypeDto, UpdateTicketTypeDto } from './dto/save-ticket-type.dto.js';
import { TicketTypeDto } from './dto/ticket-type.dto.js';
import { TicketTypesService } from './ticket-types.service.js';

@ApiTags('ticket types')
@Controller()
export class TicketTypesController {
  constructor(private readonly ticketTypes: TicketTypesService) {}

  /** A service's ticket types in selling order, inactive ones included. */
  @Get('services/:id/ticket-types')
  @Public()
  @ApiNotFoundResponse({ type: ProblemDto })
  list(@Param('id', ParseIdPipe) serviceId: number): Promise<TicketTypeDto[]> {
    return this.ticketTypes.list(serviceId);
  }

  /** Adds a ticket type to a service. */
  @Post('services/:id/ticket-types')
  @RequirePermissions('services:write')
  @ApiNotFoundResponse({ type: ProblemDto })
  create(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseIdPipe) serviceId: number,
    @Body() dto: CreateTicketTypeDto,
  ): Promise<TicketTypeDto> {
    return this.ticketTypes.create(actor, serviceId, dto);
  }

  /** Changes a ticket type (name, price, position, active). */
  @Patch('ticket-types/:id')
  @RequirePermissions('services:write')
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'Deactivating the last active type of its service' })
  update(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateTicketTypeDto): Promise<TicketTypeDto> {
    return this.ticketTypes.update(actor, id, dto);
  }

  /** Deletes a ticket type, or deactivates it when bookings name it. */
  @Delete('ticket-types/:id')
  @HttpCode(204)
  @RequirePermissions('services:write')
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'The last active type of its service' })
  remove(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.ticketTypes.remove(actor, id);
  }
}
