import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth-user.js';
import { conflict, notFound } from '../../common/problem.js';
import { Transactions } from '../../database/transactions.js';
import { AuditLog, changes } from '../audit/audit-log.js';
import type { Service } from '../services/service.entity.js';
import { ServicesService } from '../services/services.service.js';
import type { CreateTicketTypeDto, UpdateTicketTypeDto } from './dto/save-ticket-type.dto.js';
import type { TicketTypeDto } from './dto/ticket-type.dto.js';
import type { TicketType } from './ticket-type.entity.js';
import { TicketTypesRepository } from './ticket-types.repository.js';

/**
 * A service's ticket types. It always has at least one active type, and its `priceCents` is the
 * first active type's price. Every change locks the service's row first, so two changes of one
 * service's types take turns and neither can remove the last active type behind the other's back.
 */
@Injectable()
export class TicketTypesService {
  constructor(
    private readonly ticketTypes: TicketTypesRepository,
    private readonly services: ServicesService,
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
  ) {}

  /** Every type of a live service, active or not, in selling order. */
  async list(serviceId: number): Promise<TicketTypeDto[]> {
    const service = await this.services.require(serviceId);
    return (await this.ticketTypes.ofService(serviceId, true)).map((type) => toDto(type, service));
  }

  async create(actor: AuthUser, serviceId: number, dto: CreateTicketTypeDto): Promise<TicketTypeDto> {
    const id = await this.transactions.run(async (manager) => {
      const service = await this.services.lock(manager, serviceId);
      const all = await this.ticketTypes.ofService(serviceId, true, manager);
      const position = dto.position ?? Math.max(-1, ...all.map((type) => type.position)) + 1;
      const created = await this.ticketTypes.insert(manager, {
        serviceId: service.id,
        name: dto.name,
        priceCents: dto.priceCents,
        position,
      });
      await this.services.followLeadPrice(manager, serviceId);
      await this.audit.record(manager, actor, {
        action: 'ticket-type.created',
        target: 'ticket-type',
        targetId: created,
        after: { serviceId, name: dto.name, priceCents: dto.priceCents, position },
      });
      return created;
    });
    await this.services.changed();
    return this.get(id);
  }

  async update(actor: AuthUser, id: number, dto: UpdateTicketTypeDto): Promise<TicketTypeDto> {
    await this.transactions.run(async (manager) => {
      const type = await this.lock(manager, id);
      const changed = changes(audited(type), dto);
      if (!changed) return;
      if (dto.isActive === false && type.isActive) await this.keepOneActive(manager, type);
      await this.ticketTypes.update(manager, id, dto);
      await this.services.followLeadPrice(manager, type.serviceId);
      await this.audit.record(manager, actor, { action: 'ticket-type.updated', target: 'ticket-type', targetId: id, ...changed });
    });
    await this.services.changed();
    return this.get(id);
  }

  /** Deletes a type; one that bookings name is deactivated instead. The last active type cannot go (409). */
  async remove(actor: AuthUser, id: number): Promise<void> {
    await this.transactions.run(async (manager) => {
      const type = await this.lock(manager, id);
      if (type.isActive) await this.keepOneActive(manager, type);
      const deleted = await this.ticketTypes.deleteUnused(manager, id);
      if (!deleted) await this.ticketTypes.update(manager, id, { isActive: false });
      await this.services.followLeadPrice(manager, type.serviceId);
      await this.audit.record(manager, actor, {
        action: 'ticket-type.deleted',
        target: 'ticket-type',
        targetId: id,
        before: audited(type),
        ...(!deleted && { after: { isActive: false } }),
      });
    });
    await this.services.changed();
  }

  /** 409 when `type` is its service's last active type. */
  private async keepOneActive(manager: EntityManager, type: TicketType): Promise<void> {
    const active = await this.ticketTypes.ofService(type.serviceId, false, manager);
    if (active.every((other) => other.id === type.id)) {
      throw conflict(`Ticket type ${type.id} is the last one on sale for its service: add another before removing it`);
    }
  }

  /** The type and its live service, both locked until the transaction ends (the service first, as every change takes them); 404 if either is gone. */
  private async lock(manager: EntityManager, id: number): Promise<TicketType> {
    const unlocked = await this.ticketTypes.find(id);
    if (!unlocked) throw notFound(`Ticket type ${id}`);
    await this.services.lock(manager, unlocked.serviceId);
    const type = await this.ticketTypes.lock(manager, id);
    if (!type) throw notFound(`Ticket type ${id}`);
    return type;
  }

  private async get(id: number): Promise<TicketTypeDto> {
    const type = await this.ticketTypes.find(id);
    if (!type) throw notFound(`Ticket type ${id}`);
    return toDto(type, await this.services.require(type.serviceId));
  }
}

function audited(type: TicketType) {
  const { name, priceCents, position, isActive } = type;
  return { name, priceCents, position, isActive };
}

function toDto(type: TicketType, service: Service): TicketTypeDto {
  const { id, serviceId, name, priceCents, position, isActive } = type;
  return { id, serviceId, name, priceCents, currency: service.currency, position, isActive };
}
