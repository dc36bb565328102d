import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/decorators/access.decorators.js';
import { TicketPublicKeyDto } from './dto/ticket.dto.js';
import { TicketSigner } from './ticket-signer.js';

@ApiTags('tickets')
@Controller('tickets')
export class TicketsController {
  constructor(private readonly signer: TicketSigner) {}

  /** The Ed25519 public key (JWK) that verifies ticket codes offline, e.g. in a scanner app. */
  @Get('public-key')
  @Public()
  publicKey(): TicketPublicKeyDto {
    return this.signer.jwk;
  }
}
