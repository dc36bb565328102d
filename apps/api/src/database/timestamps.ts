import { CreateDateColumn, UpdateDateColumn } from 'typeorm';

/** created_at / updated_at, millisecond precision, set by the database. */
export abstract class Timestamped {
  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
