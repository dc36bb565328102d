import { Module } from '@nestjs/common';
import { SessionsRepository } from './sessions.repository.js';

/** Sessions and their counters, for every module that takes, releases or reports places. */
@Module({ providers: [SessionsRepository], exports: [SessionsRepository] })
export class InventoryModule {}
