import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { changedRows, insertedId, PlainRows } from '../../database/plain-rows.js';
import { forUpdate } from '../../database/transactions.js';
import { TicketType } from './ticket-type.entity.js';

/** The SQL of ticket types. The active types of a service are read on every booking: plain SQL (bench/README.md). */
@Injectable()
export class TicketTypesRepository {
  private readonly rows: PlainRows<TicketType>;
  private readonly columns: string;

  constructor(private readonly dataSource: DataSource) {
    this.rows = new PlainRows(dataSource, TicketType);
    this.columns = this.rows.columns('k');
  }

  /** A service's types in selling order (position, then id); only the active ones unless `all`. */
  async ofService(serviceId: number, all = false, manager: EntityManager = this.dataSource.manager): Promise<TicketType[]> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT ${this.columns} FROM ticket_types k WHERE k.service_id = ?${all ? '' : ' AND k.is_active = 1'} ORDER BY k.position, k.id`,
      [serviceId],
    );
    return rows.map((row) => this.rows.read(row));
  }

  /** A type, read under its row lock until `manager`'s transaction ends; undefined if missing. */
  async lock(manager: EntityManager, id: number): Promise<TicketType | undefined> {
    const [row]: Record<string, unknown>[] = await manager.query(
      `SELECT ${this.columns} FROM ticket_types k WHERE k.id = ?${forUpdate(manager)}`,
      [id],
    );
    return row ? this.rows.read(row) : undefined;
  }

  async find(id: number): Promise<TicketType | undefined> {
    const [row]: Record<string, unknown>[] = await this.dataSource.query(`SELECT ${this.columns} FROM ticket_types k WHERE k.id = ?`, [id]);
    return row ? this.rows.read(row) : undefined;
  }

  insert(manager: EntityManager, type: Pick<TicketType, 'serviceId' | 'name' | 'priceCents' | 'position'>): Promise<number> {
    return insertedId(manager, 'INSERT INTO ticket_types (service_id, name, price_cents, position, is_active) VALUES (?, ?, ?, ?, 1)', [
      type.serviceId,
      type.name,
      type.priceCents,
      type.position,
    ]);
  }

  async update(
    manager: EntityManager,
    id: number,
    changes: Partial<Pick<TicketType, 'name' | 'priceCents' | 'position' | 'isActive'>>,
  ): Promise<void> {
    if (Object.keys(changes).length > 0) await manager.update(TicketType, { id }, changes);
  }

  /** Deletes a type that no booking names; false when one does (it must then be deactivated instead). */
  async deleteUnused(manager: EntityManager, id: number): Promise<boolean> {
    const deleted = await changedRows(
      manager,
      'DELETE FROM ticket_types WHERE id = ? AND NOT EXISTS (SELECT 1 FROM booking_items i WHERE i.ticket_type_id = ?)',
      [id, id],
    );
    return deleted === 1;
  }

  /** The price of the service's first active type (the service's `priceCents`), after a change of its types. */
  async leadPrice(manager: EntityManager, serviceId: number): Promise<number | undefined> {
    const [first] = await this.ofService(serviceId, false, manager);
    return first?.priceCents;
  }

  /** Sets the price of the service's first active type (the service's `priceCents` changed). */
  async setLeadPrice(manager: EntityManager, serviceId: number, priceCents: number): Promise<void> {
    const [first] = await this.ofService(serviceId, false, manager);
    if (first) await manager.update(TicketType, { id: first.id }, { priceCents });
  }
}
