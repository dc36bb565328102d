import type { Permission } from '@marquee/contracts';
import { Column, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryColumn, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Timestamped } from '../../database/timestamps.js';

@Entity('roles')
@Unique('UQ_648e3f5447f725579d7d4ffdfb7', ['name'])
export class Role extends Timestamped {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 40 })
  name!: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  description!: string;

  @Column({ type: 'boolean', default: false })
  builtIn!: boolean;

  @OneToMany(() => RolePermission, (grant) => grant.role, { cascade: true })
  grants!: Relation<RolePermission>[];
}

@Entity('role_permissions')
export class RolePermission {
  @PrimaryColumn({ type: 'int' })
  roleId!: number;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  permission!: Permission;

  @ManyToOne(() => Role, (role) => role.grants, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'role_id', foreignKeyConstraintName: 'FK_178199805b901ccd220ab7740ec' })
  role!: Relation<Role>;
}
