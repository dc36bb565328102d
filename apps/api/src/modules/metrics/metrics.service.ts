import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

export type BookingOutcome = 'confirmed' | 'sold_out' | 'replayed' | 'rejected';

/** mysql2's pool keeps its counts in these (undocumented but long-stable) arrays. */
interface Mysql2Pool {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
  config?: { connectionLimit?: number };
}

/** Prometheus metrics: requests by route and status, booking outcomes, database pool usage, process. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  private readonly requests = new Counter({
    name: 'marquee_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  private readonly latency = new Histogram({
    name: 'marquee_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  private readonly bookings = new Counter({
    name: 'marquee_bookings_total',
    help: 'Booking requests by outcome: confirmed, sold_out, replayed (Idempotency-Key), rejected (4xx)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  constructor(dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry, prefix: 'marquee_' });
    const pool = () => (dataSource.driver as unknown as { pool?: Mysql2Pool }).pool;
    new Gauge({
      name: 'marquee_db_pool_connections',
      help: 'MySQL pool connections by state (open, idle, waiting requests, limit); absent on SQLite',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const current = pool();
        if (!current) return;
        this.set({ state: 'open' }, current._allConnections?.length ?? 0);
        this.set({ state: 'idle' }, current._freeConnections?.length ?? 0);
        this.set({ state: 'waiting' }, current._connectionQueue?.length ?? 0);
        this.set({ state: 'limit' }, current.config?.connectionLimit ?? 0);
      },
    });
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.latency.observe(labels, seconds);
  }

  countBooking(outcome: BookingOutcome): void {
    this.bookings.inc({ outcome });
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
