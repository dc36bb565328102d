import { Column, DeleteDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Timestamped } from '../../database/timestamps.js';
import { Role } from '../roles/role.entity.js';

@Entity('users')
export class User extends Timestamped {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /**
   * Stored as `normalizeEmail` spells it; unique, compared byte for byte (utf8mb4_bin on MySQL/MariaDB,
   * migration 1795710000000; SQLite compares bytes by default), so no look-alike spelling matches it.
   */
  @Column({ type: 'varchar', length: 254, unique: true, collation: 'utf8mb4_bin' })
  email!: string;

  @Column({ type: 'varchar', length: 100, select: false })
  passwordHash!: string;

  @Column({ type: 'int' })
  roleId!: number;

  @ManyToOne(() => Role)
  @JoinColumn({ name: 'role_id' })
  role!: Relation<Role>;

  @Column({ type: 'boolean', default: true })
  isActive!: boolean;

  @DeleteDateColumn({ type: 'datetime', precision: 3, nullable: true })
  deletedAt!: Date | null;
}
