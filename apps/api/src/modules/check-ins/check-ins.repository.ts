import type { BookingStatus } from '@marquee/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { changedRows, readInstant, utcDateTime } from '../../database/plain-rows.js';

/** A booking's check-in state, read after a refused check-in to say why. */
export interface CheckInState {
  status: BookingStatus;
  reference: string;
  checkedInAt: Date | null;
  checkedInBy: { id: number; name: string } | null;
}

/** The SQL of check-ins: the booking's check-in columns and a session's door count. */
@Injectable()
export class CheckInsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Checks a confirmed booking of `sessionId` in, once: one conditional UPDATE, so that of any number
   * of scans of one ticket at once (on any instance) exactly one changes the row. False when it was
   * not confirmed, not of that session, or already checked in.
   */
  async checkIn(manager: EntityManager, bookingId: number, sessionId: number, by: number, at: Date): Promise<boolean> {
    const changed = await changedRows(
      manager,
      "UPDATE bookings SET checked_in_at = ?, checked_in_by = ? WHERE id = ? AND session_id = ? AND checked_in_at IS NULL AND status = 'confirmed'",
      [utcDateTime(at), by, bookingId, sessionId],
    );
    return changed === 1;
  }

  /** The booking and session of the booking with `reference`. */
  async byReference(reference: string): Promise<{ bookingId: number; sessionId: number } | undefined> {
    const [row]: { id: number | string; session_id: number | string }[] = await this.dataSource.query(
      'SELECT id, session_id FROM bookings WHERE reference = ?',
      [reference],
    );
    return row && { bookingId: Number(row.id), sessionId: Number(row.session_id) };
  }

  async state(bookingId: number): Promise<CheckInState | undefined> {
    const [row]: Record<string, unknown>[] = await this.dataSource.query(
      'SELECT b.status, b.reference, b.checked_in_at, b.checked_in_by, u.name AS checked_in_by_name ' +
        'FROM bookings b LEFT JOIN users u ON u.id = b.checked_in_by WHERE b.id = ?',
      [bookingId],
    );
    if (!row) return undefined;
    return {
      status: row.status as BookingStatus,
      reference: String(row.reference),
      checkedInAt: row.checked_in_at === null ? null : readInstant(row.checked_in_at),
      checkedInBy: row.checked_in_by === null ? null : { id: Number(row.checked_in_by), name: String(row.checked_in_by_name ?? '') },
    };
  }

  /** Places on the session's bookings that hold them (confirmed or completed), and how many of those were checked in. */
  async count(sessionId: number): Promise<{ expected: number; checkedIn: number }> {
    const [row]: { expected: number | string | null; checked_in: number | string | null }[] = await this.dataSource.query(
      'SELECT SUM(quantity) AS expected, SUM(CASE WHEN checked_in_at IS NULL THEN 0 ELSE quantity END) AS checked_in ' +
        "FROM bookings WHERE session_id = ? AND status IN ('confirmed', 'completed')",
      [sessionId],
    );
    return { expected: Number(row?.expected ?? 0), checkedIn: Number(row?.checked_in ?? 0) };
  }
}
