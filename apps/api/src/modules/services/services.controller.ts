import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { RouteSchema } from '@nestjs/platform-fastify';
import { ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth-user.js';
import { CurrentUser, Public, RequirePermissions } from '../../common/decorators/access.decorators.js';
import { ProblemDto } from '../../common/dto/problem.dto.js';
import { MultipartForm } from '../../common/multipart/multipart-form.js';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe.js';
import { AvailabilityQuery, ListServicesQuery } from './dto/list-services.query.js';
import { CreateServiceDto, UpdateServiceDto } from './dto/save-service.dto.js';
import { AvailabilityDayDto, ServiceDto, ServicePageDto } from './dto/service.dto.js';
import { SERVICE_PAGE_SCHEMA, SERVICE_SCHEMA } from './dto/service.schema.js';
import { UploadImageDto } from './dto/upload-image.dto.js';
import { MAX_PICTURE_BYTES } from './pictures/picture-encoder.js';
import { ServicePictures } from './pictures/service-pictures.service.js';
import { ServicesService } from './services.service.js';

@ApiTags('services')
@Controller('services')
export class ServicesController {
  constructor(
    private readonly services: ServicesService,
    private readonly pictures: ServicePictures,
  ) {}

  /** The catalogue: search, filter by category, price and availability, sort, paginate. */
  @Get()
  @Public()
  @RouteSchema({ response: { 200: SERVICE_PAGE_SCHEMA } })
  list(@Query() query: ListServicesQuery): Promise<ServicePageDto> {
    return this.services.list(query);
  }

  /** One service (404 when deleted). */
  @Get(':id')
  @Public()
  @ApiNotFoundResponse({ type: ProblemDto })
  @RouteSchema({ response: { 200: SERVICE_SCHEMA } })
  get(@Param('id', ParseIdPipe) id: number): Promise<ServiceDto> {
    return this.services.get(id);
  }

  /** Capacity, booked and remaining places per date. */
  @Get(':id/availability')
  @Public()
  @ApiNotFoundResponse({ type: ProblemDto })
  availability(@Param('id', ParseIdPipe) id: number, @Query() query: AvailabilityQuery): Promise<AvailabilityDayDto[]> {
    return this.services.availability(id, query);
  }

  /** Adds a service to the catalogue. */
  @Post()
  @RequirePermissions('services:write')
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateServiceDto): Promise<ServiceDto> {
    return this.services.create(actor, dto);
  }

  /** Changes a service (all fields optional). */
  @Put(':id')
  @RequirePermissions('services:write')
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'Capacity below places already booked' })
  replace(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateServiceDto): Promise<ServiceDto> {
    return this.services.update(actor, id, dto);
  }

  /** Changes some fields of a service. */
  @Patch(':id')
  @RequirePermissions('services:write')
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'Capacity below places already booked' })
  update(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateServiceDto): Promise<ServiceDto> {
    return this.services.update(actor, id, dto);
  }

  /** Removes a service from the catalogue (soft delete; its bookings stay). */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('services:write')
  @ApiNotFoundResponse({ type: ProblemDto })
  remove(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.services.remove(actor, id);
  }

  /**
   * Sets the service's picture (replacing any): a JPEG, PNG or WebP of at most 5 MB, judged by its
   * content, re-encoded as WebP 400, 800 and 1600 px wide without any metadata.
   */
  @Post(':id/image')
  @HttpCode(200)
  @RequirePermissions('services:write')
  @MultipartForm({ fileBytes: MAX_PICTURE_BYTES, fields: 4, fieldBytes: 4096 })
  @ApiNotFoundResponse({ type: ProblemDto })
  setImage(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: UploadImageDto): Promise<ServiceDto> {
    return this.pictures.set(actor, id, dto);
  }

  /** Removes the service's picture and its files. */
  @Delete(':id/image')
  @HttpCode(204)
  @RequirePermissions('services:write')
  @ApiNotFoundResponse({ type: ProblemDto })
  removeImage(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.pictures.remove(actor, id);
  }
}
