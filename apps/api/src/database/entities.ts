import { ApiKey, ApiKeyPermission } from '../modules/api-keys/api-key.entity.js';
import { AuditEntry } from '../modules/audit/audit-entry.entity.js';
import { RefreshToken } from '../modules/auth/refresh-token.entity.js';
import { Booking } from '../modules/bookings/booking.entity.js';
import { Role, RolePermission } from '../modules/roles/role.entity.js';
import { Service } from '../modules/services/service.entity.js';
import { OutboxMessage } from '../modules/messages/outbox-message.entity.js';
import { AccountToken } from '../modules/users/account-token.entity.js';
import { BookingItem } from '../modules/bookings/booking-item.entity.js';
import { Schedule } from '../modules/schedules/schedule.entity.js';
import { Session } from '../modules/sessions/session.entity.js';
import { TicketType } from '../modules/ticket-types/ticket-type.entity.js';
import { User } from '../modules/users/user.entity.js';
import { WebhookDelivery } from '../modules/webhooks/webhook-delivery.entity.js';
import { WebhookEndpoint } from '../modules/webhooks/webhook-endpoint.entity.js';

export const ENTITIES = [
  Role,
  RolePermission,
  User,
  Service,
  TicketType,
  Schedule,
  Session,
  Booking,
  BookingItem,
  RefreshToken,
  AuditEntry,
  OutboxMessage,
  AccountToken,
  ApiKey,
  ApiKeyPermission,
  WebhookEndpoint,
  WebhookDelivery,
];
