import pino from 'pino';
import { loadConfig } from '../src/config/config';
import { startDatabaseServer } from '../src/db/database';
import type { RunningServer } from '../src/db/embedded/running-server';
import { Customer, TEXTS, drained, flags, sleep, startService, tally, tempDir, type Outcome, type ServiceProcess } from './fault-harness';
import { closeDatabase, describe, openDataDir, openUri, verify } from './fault-verify';

/**
 * kill -9 under load: customers write to the service while it is killed with SIGKILL (no shutdown
 * at all) and started again on the same data; each customer retries every message with its
 * clientMessageId until it is acknowledged. Afterwards every acknowledged message must be stored
 * once, answered once, and nothing may be left pending.
 *
 *   npm run fault:kill9 -- --runs 3 --customers 20 --messages 12 --kills 2 --db embedded|external
 *
 * The kills fall in the middle of the traffic: after a third and after two thirds of the messages
 * were acknowledged (with --kills 2).
 *
 * --db embedded: the service's own mongo-java-server on disk (H2), which dies with it, as with
 * npm start. --db external: a database server this script runs, as MongoDB in production.
 */
const args = flags({ runs: '3', customers: '20', messages: '12', kills: '2', db: 'embedded', port: '39400' });

async function run(index: number): Promise<boolean> {
  const dataDir = tempDir(`kill9-${index}`);
  const port = Number(args.port) + index;
  let external: RunningServer | undefined;
  const env: Record<string, string> = {};
  if (args.db === 'external') {
    const db = await startDatabaseServer(loadConfig({ DATA_DIR: `${dataDir}/db`, EMBEDDED_DB: 'mongo-java-server' }), pino({ level: 'warn' }), { memory: true });
    external = db.server;
    env.MONGODB_URI = db.uri;
  }
  let service: ServiceProcess = await startService({ dataDir, port, env, label: 'first' });
  const base = () => service.url;
  const started = Date.now();
  const deadline = started + 15 * 60_000;
  const customers = Array.from({ length: Number(args.customers) }, (_, i) => new Customer(base, `customer-${i}`));
  const outcomes: Outcome[] = [];
  const load = Promise.all(
    customers.map(async (customer, c) => {
      await customer.open(deadline);
      for (let m = 0; m < Number(args.messages); m++) {
        await customer.say(TEXTS[(c + m) % TEXTS.length], `c${c}-m${m}-${started}`, deadline, (o) => outcomes.push(o));
      }
    }),
  );
  const kills: string[] = [];
  const total = customers.length * Number(args.messages);
  const acknowledged = () => customers.reduce((n, c) => n + c.sent.filter((s) => s.acked).length, 0);
  for (let k = 0; k < Number(args.kills); k++) {
    // Killed in the middle of the traffic: after the k-th share of the messages is acknowledged.
    const threshold = Math.round((total * (k + 1)) / (Number(args.kills) + 1));
    while (acknowledged() < threshold) await sleep(20);
    const acked = acknowledged();
    process.kill(service.pid, 'SIGKILL');
    await service.exited;
    const killedAt = Date.now();
    service = await startService({ dataDir, port, env, label: `after-kill-${k + 1}` });
    kills.push(`kill -9 at ${((killedAt - started) / 1000).toFixed(1)} s (${acked} acknowledged so far), back in ${((Date.now() - killedAt) / 1000).toFixed(1)} s`);
  }
  await load;
  const settled = await drained(service.url);
  service.child.kill('SIGTERM');
  await service.exited;
  let db = external;
  if (db === undefined) db = await openDataDir(dataDir);
  else await openUri(env.MONGODB_URI);
  const verdict = await verify(customers.flatMap((c) => c.sent));
  await closeDatabase(db);
  const ok = verdict.lost === 0 && verdict.answeredTwice === 0 && verdict.leftPending === 0 && verdict.acknowledged === verdict.sent;
  console.log(`run ${index + 1} (${args.db} database): ${customers.length} customers, ${(Date.now() - started) / 1000} s; ${kills.join('; ')}`);
  console.log(`  requests: ${tally(outcomes)}${settled ? '' : '; the service did NOT drain its queues within 180 s'}`);
  console.log(`  ${describe(verdict)}${ok ? '' : '   <-- FAILED'}`);
  console.log(`  data and logs: ${dataDir}`);
  return ok;
}

async function main(): Promise<void> {
  let ok = true;
  for (let i = 0; i < Number(args.runs); i++) ok = (await run(i)) && ok;
  process.exit(ok ? 0 : 1);
}

void main();
