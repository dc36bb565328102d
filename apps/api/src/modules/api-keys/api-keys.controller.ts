import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth-user.js';
import { CurrentUser, RefuseApiKeys, SignedIn } from '../../common/decorators/access.decorators.js';
import { ProblemDto } from '../../common/dto/problem.dto.js';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe.js';
import { ApiKeysService } from './api-keys.service.js';
import { ApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto.js';
import { CreateApiKeyDto } from './dto/create-api-key.dto.js';

/** What the service refuses (403) when a key is made (`x-access.limit`): a key never holds more than its maker. */
export const KEY_GRANT_LIMIT = 'a key is given only permissions the caller holds';

@ApiTags('api keys')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  /** Makes an API key for the caller; the answer holds the key, shown this once. Needs a password sign-in, not a key. */
  @Post()
  @SignedIn('own keys', KEY_GRANT_LIMIT)
  @RefuseApiKeys()
  @ApiConflictResponse({ type: ProblemDto, description: 'The account already holds the most keys it may' })
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.keys.create(actor, dto);
  }

  /** The caller's API keys, oldest first (never the keys themselves). */
  @Get()
  @SignedIn('own keys')
  list(@CurrentUser() actor: AuthUser): Promise<ApiKeyDto[]> {
    return this.keys.list(actor);
  }

  /** Revokes one of the caller's keys: it stops working at once. */
  @Delete(':id')
  @HttpCode(204)
  @SignedIn('owner only')
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No key of the caller has this id' })
  remove(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.keys.revoke(actor, id);
  }
}
