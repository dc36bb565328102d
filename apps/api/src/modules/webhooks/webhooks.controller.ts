import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth-user.js';
import { CurrentUser, RequirePermissions } from '../../common/decorators/access.decorators.js';
import { PageQueryDto } from '../../common/dto/pagination.dto.js';
import { ProblemDto } from '../../common/dto/problem.dto.js';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe.js';
import { CreateWebhookDto, UpdateWebhookDto } from './dto/save-webhook.dto.js';
import { CreatedWebhookDto, WebhookDeliveryDto, WebhookDeliveryPageDto, WebhookDto, WebhookPageDto } from './dto/webhook.dto.js';
import { WebhooksService } from './webhooks.service.js';

@ApiTags('webhooks')
@Controller()
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  /** Registers an endpoint for some events; the answer holds its signing secret, shown this once. */
  @Post('webhooks')
  @RequirePermissions('webhooks:manage')
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateWebhookDto): Promise<CreatedWebhookDto> {
    return this.webhooks.create(actor, dto);
  }

  /** The webhook endpoints, oldest first. */
  @Get('webhooks')
  @RequirePermissions('webhooks:manage')
  list(@Query() query: PageQueryDto): Promise<WebhookPageDto> {
    return this.webhooks.list(query);
  }

  /** One webhook endpoint, with its state (disabled after 5 days of failures). */
  @Get('webhooks/:id')
  @RequirePermissions('webhooks:manage')
  @ApiNotFoundResponse({ type: ProblemDto })
  get(@Param('id', ParseIdPipe) id: number): Promise<WebhookDto> {
    return this.webhooks.get(id);
  }

  /** Changes an endpoint's URL, events or description; `enabled` enables a disabled endpoint again, or pauses it. */
  @Patch('webhooks/:id')
  @RequirePermissions('webhooks:manage')
  @ApiNotFoundResponse({ type: ProblemDto })
  update(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateWebhookDto): Promise<WebhookDto> {
    return this.webhooks.update(actor, id, dto);
  }

  /** Removes an endpoint and its deliveries. */
  @Delete('webhooks/:id')
  @HttpCode(204)
  @RequirePermissions('webhooks:manage')
  @ApiNotFoundResponse({ type: ProblemDto })
  remove(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.webhooks.remove(actor, id);
  }

  /** Sends a `webhook.test` event to the endpoint now; the answer is the delivery, with the endpoint's response. */
  @Post('webhooks/:id/test')
  @HttpCode(200)
  @RequirePermissions('webhooks:manage')
  @ApiNotFoundResponse({ type: ProblemDto })
  test(@Param('id', ParseIdPipe) id: number): Promise<WebhookDeliveryDto> {
    return this.webhooks.test(id);
  }

  /** An endpoint's deliveries, newest first: each event's status, attempts and last response. */
  @Get('webhooks/:id/deliveries')
  @RequirePermissions('webhooks:manage')
  @ApiNotFoundResponse({ type: ProblemDto })
  deliveries(@Param('id', ParseIdPipe) id: number, @Query() query: PageQueryDto): Promise<WebhookDeliveryPageDto> {
    return this.webhooks.deliveries(id, query);
  }

  /** Sends a pending or failed delivery now, with a fresh set of attempts. */
  @Post('webhook-deliveries/:id/retry')
  @HttpCode(200)
  @RequirePermissions('webhooks:manage')
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'The delivery is in flight or delivered, or its endpoint is disabled' })
  retry(@Param('id', ParseIdPipe) id: number): Promise<WebhookDeliveryDto> {
    return this.webhooks.retry(id);
  }
}
