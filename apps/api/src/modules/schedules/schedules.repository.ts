import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { PlainRows } from '../../database/plain-rows.js';
import { forShare, forUpdate } from '../../database/transactions.js';
import { Schedule } from './schedule.entity.js';

/** A schedule of a live service, with what its sessions take from the service. */
export interface LiveSchedule {
  schedule: Schedule;
  serviceCapacity: number;
  durationMinutes: number;
}

/** The SQL of schedules (the sessions they make are the inventory's: SessionsRepository). */
@Injectable()
export class SchedulesRepository {
  private readonly schedules: PlainRows<Schedule>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.schedules = new PlainRows(dataSource, Schedule);
  }

  /** The schedules of a service, oldest first. */
  async ofService(serviceId: number): Promise<Schedule[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${this.schedules.columns('sc')} FROM schedules sc WHERE sc.service_id = ? ORDER BY sc.id`,
      [serviceId],
    );
    return rows.map((row) => this.schedules.read(row));
  }

  /**
   * A schedule of a live service, read under its row lock until `manager`'s transaction ends:
   * `exclusive` to change it, `shared` to act on it while nobody does (the service row is not
   * locked); undefined if none.
   */
  async lock(manager: EntityManager, id: number, mode: 'exclusive' | 'shared' = 'exclusive'): Promise<Schedule | undefined> {
    const lock = mode === 'exclusive' ? forUpdate(manager) : forShare(manager);
    const [row]: Record<string, unknown>[] = await manager.query(
      `SELECT ${this.schedules.columns('sc')} FROM schedules sc WHERE sc.id = ? ` +
        `AND EXISTS (SELECT 1 FROM services s WHERE s.id = sc.service_id AND s.deleted_at IS NULL)${lock}`,
      [id],
    );
    return row ? this.schedules.read(row) : undefined;
  }

  /** Every schedule of a live service that runs on or after `from`. */
  async live(from: string): Promise<LiveSchedule[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${this.schedules.columns('sc')}, s.capacity AS service_capacity, s.duration_minutes AS duration_minutes ` +
        'FROM schedules sc JOIN services s ON s.id = sc.service_id ' +
        'WHERE s.deleted_at IS NULL AND (sc.ends_on IS NULL OR sc.ends_on >= ?) ORDER BY sc.id',
      [from],
    );
    return rows.map((row) => ({
      schedule: this.schedules.read(row),
      serviceCapacity: Number(row.service_capacity),
      durationMinutes: Number(row.duration_minutes),
    }));
  }

  async insert(manager: EntityManager, values: Omit<Schedule, 'id' | 'createdAt' | 'updatedAt' | 'service'>): Promise<Schedule> {
    const { id } = await manager.save(manager.create(Schedule, values));
    return (await this.lock(manager, id))!;
  }

  async update(
    manager: EntityManager,
    id: number,
    values: Partial<Pick<Schedule, 'weekdays' | 'times' | 'startsOn' | 'endsOn' | 'capacity'>>,
  ) {
    await manager.update(Schedule, { id }, values);
  }

  /** Deletes the schedule; the sessions it leaves behind keep their place and lose the link (ON DELETE SET NULL). */
  async delete(manager: EntityManager, id: number): Promise<void> {
    await manager.delete(Schedule, { id });
  }
}
