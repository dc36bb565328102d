// Plays an integrator end to end against a fresh local server (built API, temporary SQLite database):
// API key → webhook endpoint → sessions → booking → signed booking.created → cancel → booking.cancelled.
// Run after `npm run build`: npm run integrator
import { playIntegrator } from '../libs/sdk/examples/integrator.mjs';
import { ADMIN, startFreshServer } from '../libs/sdk/test/fresh-server.mjs';

const started = Date.now();
const log = (line) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${line}`);
const server = await startFreshServer();
log(`fresh server on ${server.url}`);
try {
  await playIntegrator({ baseUrl: server.url, email: ADMIN.email, password: ADMIN.password, log });
  log('the integrator got everything it should');
} finally {
  await server.stop();
}
