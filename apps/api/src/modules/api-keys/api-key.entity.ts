import type { Permission } from '@marquee/contracts';
import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity.js';

/**
 * A personal access token: it acts for its owner with the permissions it names that the owner
 * still holds. Only the SHA-256 of the key is kept; `prefix` (its first characters) lets the owner
 * recognise it. Revoking a key deletes its row.
 */
@Entity('api_keys')
@Index('UQ_api_keys_hash', ['keyHash'], { unique: true })
@Index('IDX_api_keys_user', ['userId'])
export class ApiKey {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  @ForeignKey(() => User, { name: 'FK_api_keys_user', onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  userId!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** `mk_` and the first characters of the secret. */
  @Column({ type: 'varchar', length: 11 })
  prefix!: string;

  /** SHA-256 of the whole key, hex. */
  @Column({ type: 'varchar', length: 64 })
  keyHash!: string;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  expiresAt!: Date | null;

  /** Kept to the minute: written at most once a minute per key. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  lastUsedAt!: Date | null;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt!: Date;
}

/** One permission a key was given (its owner's role must still hold it for the key to use it). */
@Entity('api_key_permissions')
export class ApiKeyPermission {
  @PrimaryColumn({ type: 'int' })
  @ForeignKey(() => ApiKey, { name: 'FK_api_key_permissions_key', onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  apiKeyId!: number;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  permission!: Permission;
}
