import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/decorators/access.decorators.js';
import { AppConfig } from '../../config/app-config.js';
import { ServicesService } from '../services/services.service.js';
import { VenueDto } from './dto/venue.dto.js';

@ApiTags('venue')
@Controller('venue')
export class VenueController {
  constructor(
    private readonly config: AppConfig,
    private readonly services: ServicesService,
  ) {}

  /** The venue's time zone and the currencies its catalogue uses. */
  @Get()
  @Public()
  async get(): Promise<VenueDto> {
    return { timeZone: this.config.venueTimeZone, currencies: await this.services.currencies() };
  }
}
