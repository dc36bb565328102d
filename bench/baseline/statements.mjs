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
];
const TICKET_TYPE_COLUMNS = ['created_at', 'updated_at', 'id', 'service_id', 'name', 'price_cents', 'position', 'is_active'];
const BOOKING_ITEM_COLUMNS = ['id', 'booking_id', 'ticket_type_id', 'name', 'unit_price_cents', 'quantity'];
const BOOKINGS_WITH_SERVICE =
  `SELECT ${select('b', BOOKING_COLUMNS)}, s.name AS service_name, t.starts_at AS session_starts_at, t.ends_at AS session_ends_at, ` +
  't.all_day AS session_all_day, s.cancellation_cutoff_hours AS service_cutoff_hours ' +
  'FROM bookings b INNER JOIN services s ON s.id = b.service_id INNER JOIN sessions t ON t.id = b.session_id';

/** The ticket lines of `count` bookings (BookingsRepository.views, after the bookings). */
export const ITEMS_OF = (count) =>
  `SELECT ${select('i', BOOKING_ITEM_COLUMNS)} FROM booking_items i WHERE i.booking_id IN (${Array.from({ length: count }, () => '?').join(', ')}) ORDER BY i.id`;

// GET /api/services — ServicesService.search: the page, then (unless the page tells it) the count.
export const SERVICE_PAGE = `SELECT ${select('s', SERVICE_COLUMNS)} FROM services s WHERE s.deleted_at IS NULL ORDER BY s.name ASC, s.id ASC LIMIT ? OFFSET ?`;
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

// POST /api/bookings — before the transaction, the service's ticket types on sale (TicketTypesRepository.ofService).
export const ACTIVE_TICKET_TYPES = `SELECT ${select('k', TICKET_TYPE_COLUMNS)} FROM ticket_types k WHERE k.service_id = ? AND k.is_active = 1 ORDER BY k.position, k.id`;

// POST /api/bookings by date — BookingsService.book, inside its READ COMMITTED transaction.
export const SERVICE_CAPACITY_LOCKED =
  'SELECT s.capacity, s.availability_status AS status, s.deleted_at AS deleted, u.id AS booker, ' +
  '(CASE WHEN EXISTS (SELECT 1 FROM sessions x WHERE x.service_id = s.id AND x.all_day = 0) ' +
  'OR EXISTS (SELECT 1 FROM schedules y WHERE y.service_id = s.id) THEN 1 ELSE 0 END) AS timed FROM services s ' +
  'LEFT JOIN users u ON u.id = ? AND u.is_active = 1 AND u.deleted_at IS NULL WHERE s.id = ? LOCK IN SHARE MODE';
export const ENSURE_ALL_DAY_SESSION =
  'INSERT INTO sessions (service_id, starts_at, ends_at, local_date, all_day, capacity, booked) VALUES (?, ?, ?, ?, 1, ?, 0) ' +
  'ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)';
export const TAKE_PLACES = "UPDATE sessions SET booked = booked + ? WHERE id = ? AND status = 'scheduled' AND booked + ? <= capacity";
export const SESSION_BY_ID =
  'SELECT t.`created_at` AS `created_at`, t.`updated_at` AS `updated_at`, t.`id` AS `id`, t.`service_id` AS `service_id`, ' +
  't.`schedule_id` AS `schedule_id`, t.`starts_at` AS `starts_at`, t.`ends_at` AS `ends_at`, t.`local_date` AS `local_date`, ' +
  't.`all_day` AS `all_day`, t.`capacity` AS `capacity`, t.`booked` AS `booked`, t.`status` AS `status` FROM sessions t WHERE t.id = ?';
export const INSERT_BOOKING =
  'INSERT INTO bookings (user_id, service_id, session_id, reference, booking_date, quantity, unit_price_cents, total_cents, currency, status, notes, idempotency_key) ' +
  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'confirmed', ?, ?)";
export const INSERT_ITEM =
  'INSERT INTO booking_items (booking_id, ticket_type_id, name, unit_price_cents, quantity) VALUES (?, ?, ?, ?, ?)';
// After the commit — BookingsService.load.
export const BOOKING_BY_ID = `${BOOKINGS_WITH_SERVICE} WHERE b.id = ?`;
