import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One refresh token. Rotation chains tokens of one login into a family; reuse revokes the family. */
@Entity('refresh_tokens')
export class RefreshToken {
  /** The token's jti (a UUID). */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'int' })
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
