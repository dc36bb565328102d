import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_EVENTS, type WebhookDeliveryStatus, type WebhookEvent } from '@marquee/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../../common/dto/pagination.dto.js';

export const WEBHOOK_STATES = ['active', 'disabled'] as const;

/** A webhook endpoint (its secret is shown only once, when it is created). */
export class WebhookDto {
  id!: number;
  @ApiProperty({ maxLength: 2000 })
  url!: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, maxItems: WEBHOOK_EVENTS.length })
  events!: WebhookEvent[];
  @ApiProperty({ maxLength: 500 })
  description!: string;
  /** `disabled`: paused, or after 5 days of failed deliveries (see `disabledAt`). */
  @ApiProperty({ enum: WEBHOOK_STATES })
  status!: (typeof WEBHOOK_STATES)[number];
  /** The first failed attempt since the last delivery; null while deliveries succeed. */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  failingSince!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  disabledAt!: Date | null;
  createdAt!: Date;
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
  id!: number;
  endpointId!: number;
  /** The event's id: the payload's `id` and the `webhook-id` header. */
  @ApiProperty({ maxLength: 40 })
  eventId!: string;
  @ApiProperty({ maxLength: 40, example: 'booking.created' })
  eventType!: string;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES })
  status!: WebhookDeliveryStatus;
  /** Attempts made so far. */
  attempts!: number;
  /** When the next attempt is due; null unless pending. */
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextAttemptAt!: Date | null;
  /** The HTTP status of the last answer; null when there was none. */
  @ApiProperty({ type: Number, nullable: true })
  responseStatus!: number | null;
  /** Why the last attempt failed. */
  @ApiProperty({ type: String, nullable: true, maxLength: 500 })
  lastError!: string | null;
  /** The start of the request body (at most 2 kB). */
  @ApiProperty({ maxLength: 2048 })
  requestExcerpt!: string;
  /** The start of the last answer's body (at most 2 kB). */
  @ApiProperty({ type: String, nullable: true, maxLength: 2048 })
  responseExcerpt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  deliveredAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;
}

export class WebhookDeliveryPageDto {
  data!: WebhookDeliveryDto[];
  meta!: PageMetaDto;
}
