import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity.js';

/** One refresh token. Rotation chains tokens of one login into a family; reuse revokes the family. */
@Entity('refresh_tokens')
@Index('IDX_refresh_tokens_family', ['familyId'])
@Index('IDX_refresh_tokens_user', ['userId'])
export class RefreshToken {
  /** The token's jti (a UUID). */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'int' })
  @ForeignKey(() => User, { name: 'FK_3ddc983c5f7bcf132fd8732c3f4', onDelete: 'CASCADE' })
  userId!: number;

  @Column({ type: 'varchar', length: 36 })
  familyId!: string;

  /** SHA-256 of the token's secret part, hex. */
  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ type: 'datetime', precision: 3 })
  expiresAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  replacedBy!: string | null;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt!: Date;
}
