import type { AuditAction, AuditTarget } from '@marquee/contracts';
import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity.js';

export type AuditValue = string | number | boolean | Date | null | string[];

/** Field values of a record before or after a staff action (only the fields the action touched). */
export type AuditValues = Record<string, AuditValue>;

/** One staff action: who did what to which record, the values it changed, and when. */
@Entity('audit_log')
@Index('IDX_audit_log_created', ['createdAt'])
@Index('IDX_audit_log_actor', ['actorId', 'createdAt'])
@Index('IDX_audit_log_target', ['targetType', 'targetId'])
export class AuditEntry {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  @ForeignKey(() => User, { name: 'FK_15a6f5aad57db494c17986ed2e2' })
  actorId!: number;

  @Column({ type: 'varchar', length: 40 })
  action!: AuditAction;

  @Column({ type: 'varchar', length: 20 })
  targetType!: AuditTarget;

  @Column({ type: 'int' })
  targetId!: number;

  @Column({ name: 'old_values', type: 'simple-json', nullable: true })
  before!: AuditValues | null;

  @Column({ name: 'new_values', type: 'simple-json', nullable: true })
  after!: AuditValues | null;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt!: Date;
}
