import { InitialSchema1764115200000 } from './1764115200000-initial-schema.js';
import { AuditLog1795651200000 } from './1795651200000-audit-log.js';
import { CatalogueOrderIndex1795680000000 } from './1795680000000-catalogue-order-index.js';
import { InventoryChecks1795700000000 } from './1795700000000-inventory-checks.js';
import { ExactUserEmails1795710000000 } from './1795710000000-exact-user-emails.js';
import { SchemaAsDeclared1795720000000 } from './1795720000000-schema-as-declared.js';
import { Sessions1795800000000 } from './1795800000000-sessions.js';
import { ServiceImages1795820000000 } from './1795820000000-service-images.js';
import { Outbox1795830000000 } from './1795830000000-outbox.js';
import { AccountTokens1795830000001 } from './1795830000001-account-tokens.js';
import { OutboxAttachments1795840000000 } from './1795840000000-outbox-attachments.js';
import { CheckIns1795850000000 } from './1795850000000-check-ins.js';
import { BookingReminders1795860000000 } from './1795860000000-booking-reminders.js';
import { ApiKeys1795870000000 } from './1795870000000-api-keys.js';
import { Webhooks1795880000000 } from './1795880000000-webhooks.js';
import { UpdatedAt1795890000000 } from './1795890000000-updated-at.js';
import { TimedSessionsIndex1795895000000 } from './1795895000000-timed-sessions-index.js';

/** Every migration, oldest first. A schema change is always a new file here, never an edit. */
export const MIGRATIONS = [
  InitialSchema1764115200000,
  AuditLog1795651200000,
  CatalogueOrderIndex1795680000000,
  InventoryChecks1795700000000,
  ExactUserEmails1795710000000,
  SchemaAsDeclared1795720000000,
  Sessions1795800000000,
  ServiceImages1795820000000,
  Outbox1795830000000,
  AccountTokens1795830000001,
  OutboxAttachments1795840000000,
  CheckIns1795850000000,
  BookingReminders1795860000000,
  ApiKeys1795870000000,
  Webhooks1795880000000,
  UpdatedAt1795890000000,
  TimedSessionsIndex1795895000000,
];
