import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { User } from './user.entity.js';

export type AccountTokenPurpose = 'verify-email' | 'password-reset';

/** A single-use token sent by e-mail (verification, password reset); only its SHA-256 is kept. */
@Entity('account_tokens')
@Index('UQ_account_tokens_hash', ['tokenHash'], { unique: true })
@Index('IDX_account_tokens_user', ['userId', 'purpose'])
export class AccountToken {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'int' })
  @ForeignKey(() => User, { name: 'FK_account_tokens_user', onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  userId!: number;

  @Column({ type: 'varchar', length: 20 })
  purpose!: AccountTokenPurpose;

  /** SHA-256 of the token, hex. */
  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  /** The address the token was sent to (a verification holds only while the account still has it). */
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'datetime', precision: 3 })
  expiresAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt!: Date;
}
