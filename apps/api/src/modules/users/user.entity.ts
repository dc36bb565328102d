import { Column, DeleteDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Timestamped } from '../../database/timestamps.js';
import { Role } from '../roles/role.entity.js';

@Entity('users')
@Unique('UQ_97672ac88f789774dd47f7c8be3', ['email'])
@Index('IDX_users_role', ['roleId'])
export class User extends Timestamped {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /**
   * Stored as `normalizeEmail` spells it; unique, compared byte for byte (utf8mb4_bin on MySQL/MariaDB,
   * migration 1795710000000; SQLite compares bytes by default), so no look-alike spelling matches it.
   */
  @Column({ type: 'varchar', length: 254, collation: 'utf8mb4_bin' })
  email!: string;

  @Column({ type: 'varchar', length: 100, select: false })
  passwordHash!: string;

  @Column({ type: 'int' })
  roleId!: number;

  @ManyToOne(() => Role, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'role_id', foreignKeyConstraintName: 'FK_a2cecd1a3531c0b041e29ba46e1' })
  role!: Relation<Role>;

  @Column({ type: 'boolean', default: true })
  isActive!: boolean;

  /** The owner proved they read `email` (a verification link); false again when it changes. */
  @Column({ type: 'boolean', default: false })
  emailVerified!: boolean;

  @DeleteDateColumn({ type: 'datetime', precision: 3, nullable: true })
  deletedAt!: Date | null;
}
