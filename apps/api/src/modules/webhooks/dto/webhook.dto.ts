import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_EVENTS, type WebhookDeliveryStatus, type WebhookEvent } from '@marquee/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { ApiInteger } from '../../../common/dto/api-integer.js';
import { PageMetaDto } from '../../../common/dto/pagination.dto.js';

export const WEBHOOK_STATES = ['active', 'disabled'] as const;

/** A webhook endpoint (its secret is shown only once, when it is created). */
export class WebhookDto {
  /** @example 4 */
  @ApiInteger()
  id!: number;
  @ApiProperty({ maxLength: 2000, example: 'https://hooks.example.com/marquee' })
  url!: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, maxItems: WEBHOOK_EVENTS.length })
  events!: WebhookEvent[];
  @ApiProperty({ maxLength: 500, example: 'Box office sync' })
  description!: string;
  /** `disabled`: paused, or after 5 days of failed deliveries (see `disabledAt`). */
  @ApiProperty({ enum: WEBHOOK_STATES })
  status!: (typeof WEBHOOK_STATES)[number];
  /** The first failed attempt since the last delivery; null while deliveries succeed. */
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-21T10:00:00.000Z' })
  failingSince!: Date | null;
  /** When it was disabled (paused, or after 5 days of failures); null while active. */
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-26T10:00:00.000Z' })
  disabledAt!: Date | null;
  /** @example "2026-11-20T09:15:00.000Z" */
  createdAt!: Date;
  /** @example "2026-11-21T10:00:00.000Z" */
  updatedAt!: Date;
}

export class CreatedWebhookDto extends WebhookDto {
  /** `whsec_…`: the signing secret, shown this once. */
  @ApiProperty({ maxLength: 64, example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })
  secret!: string;
}

export class WebhookPageDto {
  data!: WebhookDto[];
  meta!: PageMetaDto;
}

/** One event sent (or to send) to one endpoint, and how its attempts went. */
export class WebhookDeliveryDto {
  /** @example 310 */
  @ApiInteger()
  id!: number;
  /** @example 4 */
  @ApiInteger()
  endpointId!: number;
  /** The event's id: the payload's `id` and the `webhook-id` header. */
  @ApiProperty({ maxLength: 40, example: 'msg_2f1c0a9e5b7d4c3e8f6a1b2c3d4e5f60' })
  eventId!: string;
  @ApiProperty({ maxLength: 40, example: 'booking.created' })
  eventType!: string;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES })
  status!: WebhookDeliveryStatus;
  /**
   * Attempts made so far.
   * @example 1
   */
  @ApiInteger()
  attempts!: number;
  /** When the next attempt is due; null unless pending. */
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-26T18:01:00.000Z' })
  nextAttemptAt!: Date | null;
  /** The HTTP status of the last answer; null when there was none. */
  @ApiInteger({ nullable: true, example: 200 })
  responseStatus!: number | null;
  /** Why the last attempt failed. */
  @ApiProperty({ type: String, nullable: true, maxLength: 500, example: 'the answer was 500' })
  lastError!: string | null;
  /** The start of the request body (at most 2 kB). */
  @ApiProperty({
    maxLength: 2048,
    example: '{"id":"msg_2f1c0a9e5b7d4c3e8f6a1b2c3d4e5f60","type":"booking.created","createdAt":"2026-11-26T18:00:00.000Z","data":{',
  })
  requestExcerpt!: string;
  /** The start of the last answer's body (at most 2 kB). */
  @ApiProperty({ type: String, nullable: true, maxLength: 2048, example: 'ok' })
  responseExcerpt!: string | null;
  /** When the receiver accepted it (2xx); null until then. */
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-26T18:00:01.000Z' })
  deliveredAt!: Date | null;
  /** @example "2026-11-26T18:00:00.000Z" */
  createdAt!: Date;
  /** @example "2026-11-26T18:00:01.000Z" */
  updatedAt!: Date;
}

export class WebhookDeliveryPageDto {
  data!: WebhookDeliveryDto[];
  meta!: PageMetaDto;
}
