import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { RouteSchema } from '@nestjs/platform-fastify';
import {
  ApiBody,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../../common/auth-user.js';
import { CurrentUser, RequirePermissions, SignedIn } from '../../common/decorators/access.decorators.js';
import { ProblemDto } from '../../common/dto/problem.dto.js';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe.js';
import { BookingsService } from './bookings.service.js';
import { BookingDto, BookingPageDto } from './dto/booking.dto.js';
import { BOOKING_PAGE_SCHEMA, BOOKING_SCHEMA } from './dto/booking.schema.js';
import { CreateBookingDto } from './dto/create-booking.dto.js';
import { ListBookingsQuery } from './dto/list-bookings.query.js';
import { TicketDto } from '../tickets/dto/ticket.dto.js';

@ApiTags('bookings')
@Controller('bookings')
export class BookingsController {
  constructor(private readonly bookings: BookingsService) {}

  /** Books places on a day. 409 `sold-out` when the day has too few left. */
  @Post()
  @SignedIn('books for the caller')
  @RouteSchema({ response: { 201: BOOKING_SCHEMA } })
  @ApiHeader({
    name: 'idempotency-key',
    required: false,
    description: 'Repeat a request safely: the same key and body answer the original booking',
    schema: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[\\x21-\\x7e]+$' },
  })
  @ApiBody({
    type: CreateBookingDto,
    examples: {
      session: { summary: 'Tickets by type for a timed session', value: { sessionId: 42, tickets: [{ ticketTypeId: 11, quantity: 2 }] } },
      day: { summary: 'Places of the default type on a day', value: { serviceId: 7, bookingDate: '2026-12-24', quantity: 2 } },
    },
  })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such service (or it was deleted)' })
  @ApiConflictResponse({ type: ProblemDto, description: '`sold-out`, or the Idempotency-Key was used for another request' })
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateBookingDto, @Headers('idempotency-key') key?: string): Promise<BookingDto> {
    return this.bookings.create(actor, dto, key);
  }

  /** One's own bookings; everyone's with `bookings:read:any` (filter with `userId`). */
  @Get()
  @SignedIn('own bookings, or all with bookings:read:any')
  @RouteSchema({ response: { 200: BOOKING_PAGE_SCHEMA } })
  @ApiForbiddenResponse({ type: ProblemDto, description: '`userId` of another user, without `bookings:read:any`' })
  list(@CurrentUser() actor: AuthUser, @Query() query: ListBookingsQuery): Promise<BookingPageDto> {
    return this.bookings.list(actor, query);
  }

  /** One booking: the owner's, or any with `bookings:read:any`. */
  @Get(':id')
  @SignedIn('owner, or bookings:read:any')
  @ApiNotFoundResponse({ type: ProblemDto })
  get(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<BookingDto> {
    return this.bookings.get(actor, id);
  }

  /** The booking's e-ticket: a signed code (GET /api/tickets/public-key verifies it) and its QR image. */
  @Get(':id/ticket')
  @SignedIn('owner, or bookings:read:any')
  @ApiNotFoundResponse({ type: ProblemDto })
  ticket(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<TicketDto> {
    return this.bookings.ticket(actor, id);
  }

  /** The booking as a calendar event: an iCalendar file (RFC 5545) with a stable UID, times in UTC and the location. */
  @Get(':id/calendar.ics')
  @SignedIn('owner, or bookings:read:any')
  @ApiProduces('text/calendar')
  @ApiOkResponse({
    description: 'An iCalendar file with one event',
    content: {
      'text/calendar': {
        schema: { type: 'string', maxLength: 10_000 },
        example:
          'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Marquee//Bookings//EN\r\nBEGIN:VEVENT\r\n' +
          'UID:booking-42@marquee.example\r\nDTSTAMP:20261120T091500Z\r\nDTSTART:20261224T183000Z\r\n' +
          'DTEND:20261224T200000Z\r\nSUMMARY:Escape room: The Vault\r\nLOCATION:Hall B\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
      },
    },
  })
  @ApiNotFoundResponse({ type: ProblemDto })
  async calendar(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { filename, content } = await this.bookings.calendarFile(actor, id);
    void reply.header('content-type', 'text/calendar; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`);
    return content;
  }

  /** Cancels a confirmed booking dated today or later and frees its places. */
  @Post(':id/cancel')
  @HttpCode(200)
  @SignedIn('owner, or bookings:write:any')
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'Not confirmed, or dated in the past' })
  cancel(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<BookingDto> {
    return this.bookings.cancel(actor, id);
  }

  /** Marks a confirmed booking dated today or earlier as completed. */
  @Post(':id/complete')
  @HttpCode(200)
  @RequirePermissions('bookings:write:any')
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'Not confirmed, or dated in the future' })
  complete(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<BookingDto> {
    return this.bookings.complete(actor, id);
  }

  /** Removes a booking for good (releasing its places if confirmed). */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('bookings:write:any')
  @ApiNotFoundResponse({ type: ProblemDto })
  remove(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.bookings.remove(actor, id);
  }
}
