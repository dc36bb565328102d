import { WEBHOOK_EVENTS, type WebhookEvent } from '@marquee/contracts';
import { ApiProperty, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsBoolean, IsIn, IsString, IsUrl, MaxLength } from 'class-validator';
import { Optional } from '../../../common/validation/optional.js';
import { IsPrintableText } from '../../../common/validation/printable-text.js';

export class CreateWebhookDto {
  /** Where events are POSTed: an http(s) URL (https in production). */
  @ApiProperty({ maxLength: 2000, example: 'https://hooks.example.com/marquee' })
  @IsString()
  @MaxLength(2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an http(s) URL' })
  url!: string;

  /** The events to receive, at least one. */
  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, minItems: 1, maxItems: WEBHOOK_EVENTS.length, example: ['booking.created'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @IsIn(WEBHOOK_EVENTS, { each: true, message: `each event must be one of ${WEBHOOK_EVENTS.join(', ')}` })
  events!: WebhookEvent[];

  /** What the endpoint is for. */
  @ApiProperty({ required: false, maxLength: 500, example: 'Box office sync' })
  @Optional()
  @IsString()
  @MaxLength(500)
  @IsPrintableText()
  description?: string;
}

export class UpdateWebhookDto extends PartialType(CreateWebhookDto, { skipNullProperties: false }) {
  /**
   * `true` enables a disabled endpoint again (its failures forgotten); `false` pauses it.
   * @example true
   */
  @Optional()
  @IsBoolean()
  enabled?: boolean;
}
