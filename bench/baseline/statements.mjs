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
  'deleted_at',
];
const BOOKING_COLUMNS = [
  'created_at',
  'updated_at',
  'id',
  'user_id',
  'service_id',
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
const BOOKINGS_WITH_SERVICE = `SELECT ${select('b', BOOKING_COLUMNS)}, s.name AS service_name FROM bookings b INNER JOIN services s ON s.id = b.service_id`;

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

// POST /api/bookings — BookingsService.book, inside its READ COMMITTED transaction.
export const SERVICE_CAPACITY_LOCKED =
  'SELECT s.capacity, s.availability_status AS status, s.deleted_at AS deleted, u.id AS booker FROM services s ' +
  'LEFT JOIN users u ON u.id = ? AND u.is_active = 1 AND u.deleted_at IS NULL WHERE s.id = ? LOCK IN SHARE MODE';
export const ENSURE_DAY =
  'INSERT INTO service_day_inventory (service_id, date, booked) VALUES (?, ?, 0) ON DUPLICATE KEY UPDATE booked = booked';
export const TAKE_PLACES = 'UPDATE service_day_inventory SET booked = booked + ? WHERE service_id = ? AND date = ? AND booked + ? <= ?';
export const DAY_BY_KEY = 'SELECT booked FROM service_day_inventory WHERE service_id = ? AND date = ?';
export const INSERT_BOOKING =
  'INSERT INTO bookings (user_id, service_id, booking_date, quantity, unit_price_cents, total_cents, currency, status, notes, idempotency_key) ' +
  "VALUES (?, ?, ?, ?, ?, ?, ?, 'confirmed', ?, ?)";
// After the commit — BookingsService.load.
export const BOOKING_BY_ID = `${BOOKINGS_WITH_SERVICE} WHERE b.id = ?`;
