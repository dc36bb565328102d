import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiNotFoundResponse, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequirePermissions } from '../../common/decorators/access.decorators.js';
import { ProblemDto } from '../../common/dto/problem.dto.js';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe.js';
import { AttendeesService } from './attendees.service.js';
import { AttendeeDto, ListAttendeesQuery } from './dto/attendee.dto.js';

@ApiTags('sessions')
@Controller('sessions')
export class AttendeesController {
  constructor(private readonly attendees: AttendeesService) {}

  /** The bookings of a session with their customers and tickets; `format=csv` downloads them as a spreadsheet. */
  @Get(':id/attendees')
  @RequirePermissions('bookings:read:any')
  @ApiExtraModels(AttendeeDto)
  @ApiOkResponse({
    description: 'JSON; with format=csv, a text/csv attachment: a header row, then one row per booking',
    content: {
      'application/json': { schema: { type: 'array', items: { $ref: getSchemaPath(AttendeeDto) } } },
      'text/csv': {
        schema: { type: 'string' },
        example:
          'Reference,Status,Name,Email,Quantity,Tickets,Checked in at,Booked at\r\n' +
          'K7M3Q9TX,confirmed,Ada Lovelace,ada@example.com,2,2 × Adult,,2026-11-20T09:15:00.000Z\r\n',
      },
    },
  })
  @ApiNotFoundResponse({ type: ProblemDto })
  async list(
    @Param('id', ParseIdPipe) id: number,
    @Query() query: ListAttendeesQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AttendeeDto[] | string> {
    if (query.format !== 'csv') return this.attendees.list(id);
    const { filename, content } = await this.attendees.csv(id);
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`);
    return content;
  }
}
