// Prints every SQL statement the process sends through mysql2 to stderr, one line each, as
// `[sql] <statement>`. Used to read what TypeORM sends, so that the baseline can send the same:
//
//   node --import ./bench/tools/trace-sql.mjs apps/api/dist/main.js
//
// It subscribes to mysql2's diagnostics channels (mysql2 ≥ 3.17); nothing in the API changes.
import { tracingChannel } from 'node:diagnostics_channel';

const print = ({ query }) => process.stderr.write(`[sql] ${String(query).replace(/\s+/g, ' ')}\n`);
for (const name of ['mysql2:query', 'mysql2:execute']) tracingChannel(name).start.subscribe(print);
