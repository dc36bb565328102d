import { randomBytes } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { Role } from '../../modules/roles/role.entity.js';
import { Service } from '../../modules/services/service.entity.js';
import { TicketTypesRepository } from '../../modules/ticket-types/ticket-types.repository.js';
import { PasswordHasher } from '../../modules/users/password-hasher.js';
import { normalizeEmail } from '../../modules/users/email-address.js';
import { User } from '../../modules/users/user.entity.js';
import { isUniqueViolation, Transactions } from '../transactions.js';
import { DEMO_CATALOGUE } from './demo-catalogue.js';

/** First start: creates the first admin when there is none, and a demo catalogue outside production. */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly hasher: PasswordHasher,
    private readonly config: AppConfig,
    private readonly ticketTypes: TicketTypesRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureAdmin();
    if (this.config.seedDemoData) await this.seedCatalogue();
  }

  private async ensureAdmin(): Promise<void> {
    const users = this.dataSource.getRepository(User);
    const admins = await users
      .createQueryBuilder('user')
      .innerJoin('user.role', 'role')
      .where('role.name = :name', { name: 'admin' })
      .getCount();
    if (admins > 0) return;
    const email = normalizeEmail(this.config.adminEmail);
    if (await users.exists({ where: { email }, withDeleted: true })) {
      this.logger.warn(`There is no admin, and ${email} (ADMIN_EMAIL) belongs to a non-admin account: no admin was created`);
      return;
    }
    const password = this.config.adminPassword ?? randomBytes(12).toString('base64url');
    const role = await this.dataSource.getRepository(Role).findOneByOrFail({ name: 'admin' });
    const passwordHash = await this.hasher.hash(password);
    // Verified: the operator chose the address (ADMIN_EMAIL), the banner asking to confirm it would only be noise.
    try {
      await this.transactions.run((manager) =>
        manager.insert(User, { name: 'Administrator', email, passwordHash, roleId: role.id, isActive: true, emailVerified: true }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) return; // another instance created it first
      throw error;
    }
    if (this.config.adminPassword) this.logger.log(`Created the first admin ${email}`);
    else this.logger.warn(`Created the first admin ${email} with the generated password ${password} (shown only this once; change it)`);
  }

  private async seedCatalogue(): Promise<void> {
    await this.transactions.run(async (manager) => {
      if ((await manager.count(Service, { withDeleted: true })) > 0) return;
      await manager.insert(
        Service,
        DEMO_CATALOGUE.map((service) => ({ ...service, currency: 'USD', availabilityStatus: 'available' as const, imageUrl: null })),
      );
      await this.ticketTypes.addStandardWhereMissing(manager);
      this.logger.log(`Seeded a demo catalogue of ${DEMO_CATALOGUE.length} services`);
    });
  }
}
