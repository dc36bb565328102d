// The SQL Marquee sends for the routes the bench calls, as its query log shows it (its own plain
// statements, and those TypeORM writes; read with bench/tools/trace-sql.mjs). `?` marks a value:
// mysql2 formats these on the client, as it does for Marquee, so the server sees the same text.
// When Marquee's queries change, these must change with them: the harness compares both at the
// start of every run (bench/README.md).

/** "alias.`column` AS `column`" for each column, as Marquee's PlainRows.columns writes its SELECT lists. */
const select = (alias, columns) => columns.map((column) => `${alias}.\`${column}\` AS \`${column}\``).join(', ');

const SERVICE_COLUMNS = [
  'created_at',
  'updated_at',
  'id',
  'name',
  'description',
  'category',
  'price_cents',
  'currency',
  'duration_minutes',
  'capacity',
  'availability_status',
  'image_url',
  'location',
  'image_key',
  'image_alt',
  'sales_close_minutes',
  'cancellation_cutoff_hours',
  'deleted_at',
];
const BOOKING_COLUMNS = [
  'created_at',
  'updated_at',
  'id',
  'user_id',
  'service_id',
  'session_id',
  'reference',
  'booking_date',
  'quantity',
  'unit_price_cents',
  'total_cents',
  'currency',
  'status',
  'notes',
  'idempotency_key',
  'cancelled_at',
  'checked_in_at',
  'checked_in_by',
  'reminded_at',
];
const TICKET_TYPE_COLUMNS = ['created_at', 'updated_at', 'id', 'service_id', 'name', 'price_cents', 'position', 'is_active'];
const BOOKING_ITEM_COLUMNS = ['id', 'booking_id', 'ticket_type_id', 'name', 'unit_price_cents', 'quantity'];
const SESSION_COLUMNS = [
  'created_at',
  'updated_at',
  'id',
  'service_id',
  'schedule_id',
  'starts_at',
  'ends_at',
  'local_date',
  'all_day',
  'capacity',
  'booked',
  'status',
];
const BOOKINGS_WITH_SERVICE =
  `SELECT ${select('b', BOOKING_COLUMNS)}, s.name AS service_name, s.location AS service_location, t.starts_at AS session_starts_at, t.ends_at AS session_ends_at, ` +
  't.all_day AS session_all_day, s.cancellation_cutoff_hours AS service_cutoff_hours ' +
  'FROM bookings b INNER JOIN services s ON s.id = b.service_id INNER JOIN sessions t ON t.id = b.session_id';

/** The ticket lines of `count` bookings (BookingsRepository.views, after the bookings). */
export const ITEMS_OF = (count) =>
  `SELECT ${select('i', BOOKING_ITEM_COLUMNS)} FROM booking_items i WHERE i.booking_id IN (${Array.from({ length: count }, () => '?').join(', ')}) ORDER BY i.id`;

// GET /api/services — ServicesService.search: the page with whether each service has timed sessions,
// then (unless the page tells it) the count beside, for the timed ones, their next sessions.
export const SERVICE_PAGE =
  `SELECT ${select('s', SERVICE_COLUMNS)}, EXISTS (SELECT 1 FROM sessions x WHERE x.service_id = s.id AND x.all_day = 0) AS timed ` +
  'FROM services s WHERE s.deleted_at IS NULL ORDER BY s.name ASC, s.id ASC LIMIT ? OFFSET ?';
const NEXT_START =
  "SELECT t.starts_at FROM sessions t WHERE t.service_id = ? AND t.all_day = 0 AND t.status = 'scheduled' " +
  'AND t.starts_at > ? AND t.booked < t.capacity ORDER BY t.starts_at LIMIT 1';
/** SessionsRepository.nextStarts of `count` services: (serviceId, ?, now) for each. */
export const NEXT_STARTS = (count) =>
  Array.from({ length: count }, () => `SELECT ? AS serviceId, (${NEXT_START}) AS startsAt`).join(' UNION ALL ');
export const SERVICE_COUNT = 'SELECT COUNT(*) AS total FROM services s WHERE s.deleted_at IS NULL';

// GET /api/services/:id and the service check of POST /api/bookings — ServicesService.require.
export const SERVICE_BY_ID = `SELECT ${select('s', SERVICE_COLUMNS)} FROM services s WHERE s.id = ? AND s.deleted_at IS NULL`;

// Every authenticated request — UsersService.findSessionUser: the user, the role, its permissions.
export const SESSION_USER =
  'SELECT u.name, u.email, r.name AS role, g.permission FROM users u INNER JOIN roles r ON r.id = u.role_id ' +
  'LEFT JOIN role_permissions g ON g.role_id = r.id WHERE u.id = ? AND u.is_active = 1 AND u.deleted_at IS NULL';

// GET /api/bookings as a customer — BookingsService.list: the page, then (unless the page tells it) the count.
export const OWN_BOOKING_PAGE = `${BOOKINGS_WITH_SERVICE} WHERE b.user_id = ? ORDER BY b.created_at DESC, b.id DESC LIMIT ? OFFSET ?`;
export const OWN_BOOKING_COUNT = 'SELECT COUNT(*) AS total FROM bookings b WHERE b.user_id = ?';

// GET /api/services/:id/sessions — after SERVICE_BY_ID, SessionsRepository.between.
export const SESSIONS_BETWEEN = `SELECT ${select('t', SESSION_COLUMNS)} FROM sessions t WHERE t.service_id = ? AND t.local_date >= ? AND t.local_date <= ? ORDER BY t.starts_at, t.id`;

// POST /api/bookings with an Idempotency-Key — first, the booking made earlier with it (BookingsService.replay).
export const BOOKING_BY_KEY = `${BOOKINGS_WITH_SERVICE} WHERE b.user_id = ? AND b.idempotency_key = ?`;

// POST /api/bookings by session — SessionsRepository.find, then SERVICE_BY_ID.
export const SESSION_BY_ID = `SELECT ${select('t', SESSION_COLUMNS)} FROM sessions t WHERE t.id = ?`;

// POST /api/bookings — before the transaction, the service's ticket types on sale (TicketTypesRepository.ofService).
export const ACTIVE_TICKET_TYPES = `SELECT ${select('k', TICKET_TYPE_COLUMNS)} FROM ticket_types k WHERE k.service_id = ? AND k.is_active = 1 ORDER BY k.position, k.id`;

// POST /api/bookings — BookingsService.book, inside its READ COMMITTED transaction: the service and
// booker under a shared lock (by date: also whether the service sells timed sessions), the all-day
// session made if missing (by date), the conditional UPDATE of the session, the booking and its lines,
// the booking read back, then its confirmation queued (the customer, the outbox row).
const SERVICE_LOCK_COLUMNS = 's.capacity, s.availability_status AS status, s.deleted_at AS deleted, u.id AS booker';
const SERVICE_LOCK_FROM =
  'FROM services s LEFT JOIN users u ON u.id = ? AND u.is_active = 1 AND u.deleted_at IS NULL WHERE s.id = ? LOCK IN SHARE MODE';
export const SERVICE_LOCKED = `SELECT ${SERVICE_LOCK_COLUMNS} ${SERVICE_LOCK_FROM}`;
export const SERVICE_LOCKED_BY_DATE =
  `SELECT ${SERVICE_LOCK_COLUMNS}, ` +
  '(CASE WHEN EXISTS (SELECT 1 FROM sessions x WHERE x.service_id = s.id AND x.all_day = 0) ' +
  `OR EXISTS (SELECT 1 FROM schedules y WHERE y.service_id = s.id) THEN 1 ELSE 0 END) AS timed ${SERVICE_LOCK_FROM}`;
export const ENSURE_ALL_DAY_SESSION =
  'INSERT INTO sessions (service_id, starts_at, ends_at, local_date, all_day, capacity, booked) VALUES (?, ?, ?, ?, 1, ?, 0) ' +
  'ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)';
export const TAKE_PLACES = "UPDATE sessions SET booked = booked + ? WHERE id = ? AND status = 'scheduled' AND booked + ? <= capacity";
export const INSERT_BOOKING =
  'INSERT INTO bookings (user_id, service_id, session_id, reference, booking_date, quantity, unit_price_cents, total_cents, currency, status, notes, idempotency_key) ' +
  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'confirmed', ?, ?)";
export const INSERT_ITEMS = (count) =>
  `INSERT INTO booking_items (booking_id, ticket_type_id, name, unit_price_cents, quantity) VALUES ${Array.from({ length: count }, () => '(?, ?, ?, ?, ?)').join(', ')}`;
export const BOOKING_BY_ID = `${BOOKINGS_WITH_SERVICE} WHERE b.id = ?`;
export const CUSTOMERS = (count) =>
  `SELECT id, name, email FROM users WHERE id IN (${Array.from({ length: count }, () => '?').join(', ')})`;
// Outbox.enqueue: one plain INSERT of the message; then WebhookEvents.publish looks for the enabled
// endpoints subscribed to booking.created (none in the bench).
export const INSERT_OUTBOX = 'INSERT INTO outbox (kind, recipient, payload, attachments, next_attempt_at) VALUES (?, ?, ?, ?, ?)';
export const WEBHOOK_SUBSCRIBERS = 'SELECT id, events FROM webhook_endpoints WHERE disabled_at IS NULL ORDER BY id';
const claimed = (columns) => columns.map((column) => `\`row\`.\`${column}\` AS \`row_${column}\``).join(', ');

// The outbox dispatcher (OutboxDispatcher, claimDue in database/claims.ts): after a commit that queued
// a message and every MAIL_POLL_INTERVAL_MS, claim due messages in one transaction, then mark each sent in its own.
const DUE = '((status = ? AND next_attempt_at <= ?) OR (status = ? AND claimed_until < ?))';
const DUE_QUOTED = '((`status` = ? AND `next_attempt_at` <= ?) OR (`status` = ? AND `claimed_until` < ?))';
export const DUE_MESSAGES = `SELECT \`row\`.\`id\` AS \`id\` FROM \`outbox\` \`row\` WHERE (${DUE}) ORDER BY \`row\`.\`next_attempt_at\` ASC LIMIT ?`;
export const CLAIM_MESSAGES = (count) =>
  'UPDATE `outbox` SET `status` = ?, `claimed_by` = ?, `claimed_until` = ?, `attempts` = `attempts` + 1 ' +
  `WHERE \`id\` IN (${Array.from({ length: count }, () => '?').join(', ')}) AND (${DUE_QUOTED})`;
const CLAIMED_COLUMNS = [
  'created_at',
  'updated_at',
  'attempts',
  'next_attempt_at',
  'claimed_by',
  'claimed_until',
  'last_error',
  'id',
  'kind',
  'recipient',
  'payload',
  'attachments',
  'status',
  'sent_at',
];
export const CLAIMED_MESSAGES = `SELECT ${claimed(CLAIMED_COLUMNS)} FROM \`outbox\` \`row\` WHERE \`row\`.\`claimed_by\` = ? AND \`row\`.\`status\` = ? ORDER BY \`row\`.\`id\` ASC`;
export const MARK_SENT =
  'UPDATE `outbox` SET `status` = ?, `sent_at` = ?, `claimed_by` = NULL, `claimed_until` = NULL, `last_error` = NULL ' +
  'WHERE (`id` = ? AND `claimed_by` = ?)';
