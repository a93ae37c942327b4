import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The service's Prometheus metrics, one registry per process (GET /metrics). Counters are observed
 * where things happen; the queue gauges are read from the database when scraped (a probe the
 * composition root installs), so every instance reports the whole system's queue.
 */
export const registry = new Registry();

export const messagesReceived = new Counter({
  name: 'kefu_messages_received_total',
  help: 'Customer messages stored (a platform retry of a stored message is not counted again)',
  labelNames: ['channel'] as const,
  registers: [registry],
});

export const messagesSent = new Counter({
  name: 'kefu_messages_sent_total',
  help: 'Messages stored for a customer, by the bot, agents or the system (internal notes excluded)',
  labelNames: ['channel', 'author'] as const,
  registers: [registry],
});

export const deliveries = new Counter({
  name: 'kefu_deliveries_total',
  help: 'Outbox deliveries to chat platforms by result: sent, retry (a retryable failure, tried again later) or failed (final)',
  labelNames: ['channel', 'result'] as const,
  registers: [registry],
});

export const deliveryFailures = new Counter({
  name: 'kefu_delivery_failures_total',
  help: 'Deliveries that finally failed (recorded on the message, shown to agents)',
  labelNames: ['channel'] as const,
  registers: [registry],
});

export const turnLatency = new Histogram({
  name: 'kefu_turn_latency_seconds',
  help: 'From a customer message being stored to the bot’s replies being committed (queue wait included)',
  labelNames: ['outcome'] as const,
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  registers: [registry],
});

export const databaseErrors = new Counter({
  name: 'kefu_database_errors_total',
  help: 'Database failures: requests that failed on it, lost connections, failed heartbeats, failed metric probes',
  labelNames: ['kind'] as const,
  registers: [registry],
});

export const httpDuration = new Histogram({
  name: 'kefu_http_request_duration_seconds',
  help: 'HTTP requests by route pattern and status',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

/** What the queue gauges read at scrape time. */
export interface QueueProbe {
  /** Customer messages stored whose turn has not run yet. */
  pendingTurns(): Promise<number>;
  /** Conversations waiting for an agent. */
  waitingChats(): Promise<number>;
  /** Outbound messages not yet delivered (first attempt or waiting for a retry). */
  pendingDeliveries(): Promise<number>;
}

let probe: QueueProbe | undefined;

/** Installs the probe the queue gauges read (the service does, once its database is open). */
export function setQueueProbe(next: QueueProbe | undefined): void {
  probe = next;
}

const PROBE_TIMEOUT_MS = 1500;

/** A gauge read from the probe; when the database does not answer it keeps its last value. */
function probedGauge(name: string, help: string, read: (p: QueueProbe) => Promise<number>): Gauge {
  return new Gauge({
    name,
    help,
    registers: [registry],
    async collect() {
      if (probe === undefined) return;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('probe timed out')), PROBE_TIMEOUT_MS)));
      try {
        this.set(await Promise.race([read(probe), timeout]));
      } catch {
        databaseErrors.inc({ kind: 'metrics_probe' });
      } finally {
        clearTimeout(timer);
      }
    },
  });
}

probedGauge('kefu_pending_turns', 'Customer messages stored whose turn has not run yet (the turn queue)', (p) => p.pendingTurns());
probedGauge('kefu_waiting_chats', 'Conversations waiting for an agent', (p) => p.waitingChats());
probedGauge('kefu_pending_deliveries', 'Outbound messages not yet delivered to their platform', (p) => p.pendingDeliveries());

let defaultsOn = false;

/** Node's process metrics (memory, CPU, event-loop lag, GC), registered once per process. */
export function collectProcessMetrics(): void {
  if (defaultsOn) return;
  defaultsOn = true;
  collectDefaultMetrics({ register: registry });
}

/** Records a finished turn of a customer message stored at `storedAt`. */
export function observeTurn(storedAt: Date | undefined, outcome: 'ok' | 'failed'): void {
  if (storedAt === undefined) return;
  turnLatency.observe({ outcome }, Math.max(0, Date.now() - storedAt.getTime()) / 1000);
}
