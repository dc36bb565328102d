import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { AuthUser } from '../../common/auth-user.js';
import { dateWindow } from '../../common/dto/date-window.query.js';
import { pageMeta, parseSort, totalFromPage } from '../../common/dto/pagination.dto.js';
import { containsPattern } from '../../common/like.js';
import { MediaStore } from '../../common/media/media.store.js';
import { conflict, notFound } from '../../common/problem.js';
import { validationException } from '../../common/pipes/validation.pipe.js';
import { addDays, VenueClock } from '../../common/venue-clock.js';
import { PlainRows, select, utcDateTime } from '../../database/plain-rows.js';
import { forUpdate, Transactions } from '../../database/transactions.js';
import { AuditLog, changes } from '../audit/audit-log.js';
import { CatalogueCache } from './catalogue-cache.js';
import type { AvailabilityQuery, ListServicesQuery, SERVICE_SORT_FIELDS } from './dto/list-services.query.js';
import type { CreateServiceDto, UpdateServiceDto } from './dto/save-service.dto.js';
import type { AvailabilityDayDto, ServiceDto, ServiceImageDto, ServicePageDto } from './dto/service.dto.js';
import { pictureSize, renditionFiles } from './pictures/picture-key.js';
import { HAS_TIMED_SESSIONS, SessionsRepository } from '../sessions/sessions.repository.js';
import { TicketTypesRepository } from '../ticket-types/ticket-types.repository.js';
import { WebhookEvents } from '../webhooks/webhook-events.js';
import { Service } from './service.entity.js';

const SORT_COLUMNS: Record<(typeof SERVICE_SORT_FIELDS)[number], string> = {
  name: 's.name',
  priceCents: 's.price_cents',
  createdAt: 's.created_at',
  updatedAt: 's.updated_at',
};

@Injectable()
export class ServicesService {
  constructor(
    @InjectRepository(Service) private readonly services: Repository<Service>,
    private readonly sessions: SessionsRepository,
    private readonly ticketTypes: TicketTypesRepository,
    private readonly transactions: Transactions,
    private readonly clock: VenueClock,
    private readonly cache: CatalogueCache,
    private readonly audit: AuditLog,
    private readonly media: MediaStore,
    private readonly webhooks: WebhookEvents,
  ) {}

  // The catalogue's reads are plain SQL: they are the busiest routes (bench/README.md).
  private readonly dataSource = this.services.manager.connection;
  private readonly rows = new PlainRows(this.dataSource, Service);
  private readonly columns = this.rows.columns('s');

  /** The public catalogue page for `query` (cached when CATALOGUE_CACHE_SECONDS is set). */
  list(query: ListServicesQuery): Promise<ServicePageDto> {
    const key = Object.entries(query)
      .filter(([, value]) => value !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => `${name}=${String(value)}`)
      .join('&');
    return this.cache.read(`list:${key}`, () => this.search(query));
  }

  /** One live service (cached when CATALOGUE_CACHE_SECONDS is set). */
  get(id: number): Promise<ServiceDto> {
    return this.cache.read(`service:${id}`, () => this.load(id));
  }

  /** The currencies live services are priced in, alphabetically (cached like the catalogue). */
  currencies(): Promise<string[]> {
    return this.cache.read('currencies', async () => {
      const rows: { currency: string }[] = await this.services.query(
        'SELECT DISTINCT s.currency AS currency FROM services s WHERE s.deleted_at IS NULL ORDER BY s.currency',
      );
      return rows.map((row) => row.currency);
    });
  }

  private async search(query: ListServicesQuery): Promise<ServicePageDto> {
    if (query.minPrice !== undefined && query.maxPrice !== undefined && query.minPrice > query.maxPrice) {
      throw validationException([{ field: 'maxPrice', message: 'maxPrice must not be below minPrice' }]);
    }
    const sort = parseSort<keyof typeof SORT_COLUMNS>(query.sort, 'name');
    const { where, parameters } = catalogueFilter(query);
    const rows = await select(
      this.dataSource,
      `SELECT ${this.columns}, ${HAS_TIMED_SESSIONS('s.id')} AS timed FROM services s WHERE ${where} ` +
        `ORDER BY ${SORT_COLUMNS[sort.field]} ${sort.direction}, s.id ${sort.direction} LIMIT ? OFFSET ?`,
      [...parameters, query.limit, (query.page - 1) * query.limit],
    );
    const services = rows.map((row) => this.rows.read(row));
    const timed = services.filter((_, index) => Number(rows[index].timed) === 1).map((service) => service.id);
    const [total, next] = await Promise.all([
      totalFromPage(query, rows.length) ?? this.count(where, parameters),
      this.sessions.nextStarts(timed, new Date()),
    ]);
    const data = services.map((service) => ({ ...this.toDto(service), nextSessionAt: next.get(service.id) ?? null }));
    return { data, meta: pageMeta(query, total) };
  }

  private async count(where: string, parameters: unknown[]): Promise<number> {
    const [row] = await select<{ total: number | string }>(
      this.dataSource,
      `SELECT COUNT(*) AS total FROM services s WHERE ${where}`,
      parameters,
    );
    return Number(row.total);
  }

  /** One live service as the API answers it, read now (not from the cache). */
  async load(id: number): Promise<ServiceDto> {
    return this.toDto(await this.require(id));
  }

  toDto(service: Service): ServiceDto {
    return {
      id: service.id,
      ...serviceFields(service),
      image: this.image(service),
      createdAt: service.createdAt,
      updatedAt: service.updatedAt,
    };
  }

  private image({ imageKey, imageAlt }: Service): ServiceImageDto | null {
    const size = imageKey ? pictureSize(imageKey) : null;
    if (!imageKey || !size) return null;
    const [small, medium, large] = renditionFiles(imageKey).map((name) => this.media.url(name));
    return { alt: imageAlt ?? '', small, medium, large, ...size };
  }

  /** A live (not deleted) service, or 404. */
  require(id: number): Promise<Service> {
    return this.live(this.services.manager, id, '');
  }

  /**
   * A live service, read under its row lock until `manager`'s transaction ends (see forUpdate); 404 if
   * none. Changes of what belongs to a service (its ticket types, its sessions) take it first too.
   */
  lock(manager: EntityManager, id: number): Promise<Service> {
    return this.live(manager, id, forUpdate(manager));
  }

  /** Keeps the service's `priceCents` equal to its first active ticket type's price, after a change of its types. */
  async followLeadPrice(manager: EntityManager, id: number): Promise<void> {
    const price = await this.ticketTypes.leadPrice(manager, id);
    if (price !== undefined) await manager.update(Service, { id }, { priceCents: price });
  }

  /** Drops cached catalogue answers after a change made outside this service (ticket types, sessions). */
  changed(): Promise<void> {
    return this.cache.invalidate();
  }

  private async live(manager: EntityManager, id: number, lock: string): Promise<Service> {
    const [row] = await select(
      this.dataSource,
      `SELECT ${this.columns} FROM services s WHERE s.id = ? AND s.deleted_at IS NULL${lock}`,
      [id],
      manager,
    );
    if (!row) throw notFound(`Service ${id}`);
    return this.rows.read(row);
  }

  /** Places per date from `from` to `to` (default: today and the next 29 days; at most 92 dates). */
  async availability(id: number, query: AvailabilityQuery): Promise<AvailabilityDayDto[]> {
    const service = await this.require(id);
    const { from, to, span } = dateWindow(query, this.clock.today());
    const [loads, timed] = await Promise.all([this.sessions.loadPerDate(id, from, to), this.sessions.isTimed(undefined, id)]);
    const byDate = new Map(loads.map((load) => [load.date, load]));
    // A date without a session: an all-day service would create it on the first booking, a timed one sells nothing then.
    const none = { capacity: timed ? 0 : service.capacity, booked: 0 };
    return Array.from({ length: span }, (_, offset) => {
      const date = addDays(from, offset);
      const { capacity, booked } = byDate.get(date) ?? none;
      return { date, capacity, booked, remaining: Math.max(0, capacity - booked) };
    });
  }

  async create(actor: AuthUser, dto: CreateServiceDto): Promise<ServiceDto> {
    const saved = await this.transactions.run(async (manager) => {
      const service = await manager.save(
        manager.create(Service, {
          ...dto,
          description: dto.description ?? '',
          currency: dto.currency ?? 'USD',
          availabilityStatus: dto.availabilityStatus ?? 'available',
          imageUrl: dto.imageUrl ?? null,
          location: dto.location ?? null,
        }),
      );
      await this.ticketTypes.insert(manager, { serviceId: service.id, name: 'Standard', priceCents: service.priceCents, position: 0 });
      await this.audit.record(manager, actor, {
        action: 'service.created',
        target: 'service',
        targetId: service.id,
        after: serviceFields(service),
      });
      await this.webhooks.publish(manager, 'service.created', this.toDto(await this.live(manager, service.id, '')));
      return service;
    });
    await this.cache.invalidate();
    return this.load(saved.id);
  }

  /** Changes a service. Capacity cannot drop below what is booked on any day from today on (409). */
  async update(actor: AuthUser, id: number, dto: UpdateServiceDto): Promise<ServiceDto> {
    await this.transactions.run(async (manager) => {
      // Locked first: concurrent bookings (which read capacity under a shared lock of this row) and
      // other changes of the service wait, and this waits for those in flight, so the capacity
      // compared below is the current one and the check sees every place taken.
      const service = await this.lock(manager, id);
      const changed = changes(serviceFields(service), dto);
      if (!changed) return;
      await manager.update(Service, { id }, dto);
      if (dto.capacity !== undefined && dto.capacity !== service.capacity) {
        const today = this.clock.today();
        const peak = await this.sessions.peakAllDay(manager, id, today);
        if (peak > dto.capacity) throw conflict(`Capacity cannot go below ${peak}: that many places are already booked on one day`);
        await this.sessions.followServiceCapacity(manager, id, today, dto.capacity);
      }
      if (dto.priceCents !== undefined) await this.ticketTypes.setLeadPrice(manager, id, dto.priceCents);
      const action = 'capacity' in changed.after ? 'service.capacity-changed' : 'service.updated';
      await this.audit.record(manager, actor, { action, target: 'service', targetId: id, ...changed });
      await this.webhooks.publish(manager, 'service.updated', this.toDto(await this.live(manager, id, '')));
    });
    await this.cache.invalidate();
    return this.load(id);
  }

  /**
   * Soft delete: hidden from the catalogue; its bookings stay. Locked first, so of two simultaneous
   * deletions one answers 404, and a booking in flight commits before or is refused after.
   */
  async remove(actor: AuthUser, id: number): Promise<void> {
    await this.transactions.run(async (manager) => {
      const service = await this.lock(manager, id);
      await manager.softDelete(Service, { id });
      await this.audit.record(manager, actor, {
        action: 'service.deleted',
        target: 'service',
        targetId: id,
        before: serviceFields(service),
      });
      await this.webhooks.publish(manager, 'service.deleted', this.toDto(service));
    });
    await this.cache.invalidate();
  }
}

/** The WHERE clause of a catalogue query (alias `s`) and its parameters: live services matching every filter given. */
function catalogueFilter(query: ListServicesQuery): { where: string; parameters: unknown[] } {
  const conditions = ['s.deleted_at IS NULL'];
  const parameters: unknown[] = [];
  if (query.search) {
    const pattern = containsPattern(query.search);
    conditions.push("(s.name LIKE ? ESCAPE '!' OR s.description LIKE ? ESCAPE '!' OR s.location LIKE ? ESCAPE '!')");
    parameters.push(pattern, pattern, pattern);
  }
  if (query.category) {
    conditions.push('s.category = ?');
    parameters.push(query.category);
  }
  if (query.currency) {
    conditions.push('s.currency = ?');
    parameters.push(query.currency);
  }
  if (query.minPrice !== undefined) {
    conditions.push('s.price_cents >= ?');
    parameters.push(query.minPrice);
  }
  if (query.maxPrice !== undefined) {
    conditions.push('s.price_cents <= ?');
    parameters.push(query.maxPrice);
  }
  if (query.available) {
    conditions.push('s.availability_status = ?');
    parameters.push(query.available === 'true' ? 'available' : 'unavailable');
  }
  if (query.updatedSince) {
    conditions.push('s.updated_at >= ?');
    parameters.push(utcDateTime(new Date(query.updatedSince)));
  }
  return { where: conditions.join(' AND '), parameters };
}

/** A service's own fields, as its answer and the audit log show them (not its id, picture or timestamps). */
function serviceFields(service: Service) {
  return {
    name: service.name,
    description: service.description,
    category: service.category,
    priceCents: service.priceCents,
    currency: service.currency,
    durationMinutes: service.durationMinutes,
    capacity: service.capacity,
    availabilityStatus: service.availabilityStatus,
    imageUrl: service.imageUrl,
    location: service.location,
    salesCloseMinutes: service.salesCloseMinutes,
    cancellationCutoffHours: service.cancellationCutoffHours,
  };
}
