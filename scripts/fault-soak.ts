import pino from 'pino';
import { loadConfig } from '../src/config/config';
import { startDatabaseServer } from '../src/db/database';
import type { RunningServer } from '../src/db/embedded/running-server';
import { Customer, TEXTS, flags, javaChildOf, quantile, rssMb, scrape, sleep, startService, tally, tempDir, type Outcome } from './fault-harness';
import { closeDatabase, describe, openDataDir, openUri, verify } from './fault-verify';

/**
 * A soak: customers write at a steady rate for --minutes (10 by default); each minute prints the
 * service's memory (RSS and V8 heap from /metrics), the request latency p50/p99/max of that minute
 * as the customers saw it, the turn queue, and any failures. At the end every message is checked.
 *
 *   npm run fault:soak -- --minutes 10 --customers 20 --interval 2000
 *
 * --db embedded runs the service on its own mongo-java-server (its java RSS printed too);
 * --db external (default) on a server this script runs, so the figures are the service's alone.
 */
const args = flags({ minutes: '10', customers: '20', interval: '2000', db: 'external', port: '39700' });

const mb = (bytes: number | undefined) => (bytes === undefined ? '?' : (bytes / 1048576).toFixed(0));

async function main(): Promise<void> {
  const dataDir = tempDir('soak');
  const env: Record<string, string> = {};
  let external: RunningServer | undefined;
  if (args.db === 'external') {
    const db = await startDatabaseServer(loadConfig({ DATA_DIR: `${dataDir}/db`, EMBEDDED_DB: 'mongo-java-server', DB_HEAP_MB: '1024' }), pino({ level: 'warn' }), { memory: true });
    external = db.server;
    env.MONGODB_URI = db.uri;
  }
  const service = await startService({ dataDir, port: Number(args.port), env, label: 'soak' });
  const started = Date.now();
  const end = started + Number(args.minutes) * 60_000;
  let minute: { ms: number[]; outcomes: Outcome[] } = { ms: [], outcomes: [] };
  const all: Customer[] = [];
  const load = Promise.all(
    Array.from({ length: Number(args.customers) }, async (_, c) => {
      // Staggered, so the load is steady rather than in waves.
      await sleep((Number(args.interval) * c) / Number(args.customers));
      for (let conversation = 0; Date.now() < end; conversation++) {
        const customer = new Customer(() => service.url, `customer-${c}-${conversation}`);
        all.push(customer);
        await customer.open(end + 60_000);
        // A new conversation every 30 messages, as visitors come and go.
        for (let m = 0; m < 30 && Date.now() < end; m++) {
          const next = Date.now() + Number(args.interval);
          await customer.say(TEXTS[(c + m) % TEXTS.length], `s${c}-${conversation}-${m}`, end + 120_000, (o, ms) => {
            minute.outcomes.push(o);
            if (o === 200) minute.ms.push(ms);
          });
          await sleep(Math.max(0, next - Date.now()));
        }
      }
    }),
  );
  console.log(`soak: ${args.customers} customers, one message each every ${args.interval} ms, for ${args.minutes} min (${args.db} database)`);
  console.log('min  requests  p50 ms  p99 ms  max ms  failures            service RSS MB  heap MB  loop lag p99 ms  pending turns' + (args.db === 'embedded' ? '  java RSS MB' : ''));
  for (let i = 1; Date.now() < end; i++) {
    await sleep(Math.max(0, started + i * 60_000 - Date.now()));
    const sample = minute;
    minute = { ms: [], outcomes: [] };
    const read = await scrape(service.url);
    const heap = read('nodejs_heap_size_used_bytes');
    const lag = read('nodejs_eventloop_lag_p99_seconds');
    const pending = read('kefu_pending_turns');
    const failures = tally(sample.outcomes.filter((o) => o !== 200));
    const java = javaChildOf(service.pid);
    console.log(
      [
        String(i).padStart(3),
        String(sample.outcomes.length).padStart(9),
        String(quantile(sample.ms, 0.5)).padStart(7),
        String(quantile(sample.ms, 0.99)).padStart(7),
        String(Math.max(0, ...sample.ms)).padStart(7),
        `  ${failures.padEnd(18)}`,
        rssMb(service.pid).toFixed(0).padStart(14),
        mb(heap).padStart(8),
        (lag === undefined ? '?' : (lag * 1000).toFixed(1)).padStart(16),
        String(pending ?? '?').padStart(14),
        ...(java === undefined ? [] : [rssMb(java).toFixed(0).padStart(12)]),
      ].join(' '),
    );
  }
  await load;
  service.child.kill('SIGTERM');
  await service.exited;
  if (external === undefined) external = await openDataDir(dataDir);
  else await openUri(env.MONGODB_URI);
  console.log(`  ${describe(await verify(all.flatMap((c) => c.sent)))}`);
  await closeDatabase(external);
  console.log(`  data and logs: ${dataDir}`);
  process.exit(0);
}

void main();
