import { Customer, TEXTS, call, drained, flags, javaChildOf, scrape, sleep, startService, tally, tempDir, type Outcome, type ServiceProcess } from './fault-harness';
import { closeDatabase, describe, openDataDir, verify } from './fault-verify';

/**
 * The database killed and brought back: customers write while the embedded database server (the
 * service's java child, kill -9) dies; the service restarts it on the same files. /healthz is
 * sampled throughout: it must answer 503 while the database is away and 200 once it is back, and
 * every message a customer got acknowledged must be stored and answered once. Should the service
 * itself die, that is reported, and it is started again on the same data, as a supervisor would.
 *
 *   npm run fault:database -- --customers 10 --messages 15 --kills 2
 */
const args = flags({ customers: '10', messages: '15', kills: '2', 'kill-every': '6', port: '39500' });

async function main(): Promise<void> {
  const dataDir = tempDir('database');
  const port = Number(args.port);
  let service: ServiceProcess = await startService({ dataDir, port, label: 'database' });
  const started = Date.now();
  const deadline = started + 10 * 60_000;
  const at = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  let stopping = false;
  const crashes: string[] = [];
  let restarting: Promise<void> | undefined;
  // A crash is reported and the service started again, as a supervisor (systemd, docker) would.
  const watch = (s: ServiceProcess) =>
    void s.exited.then(({ code, signal }) => {
      if (stopping) return;
      crashes.push(`the SERVICE EXITED (code ${code}, signal ${signal}) at ${at()}: ${s.logFile}`);
      restarting = startService({ dataDir, port, label: `after-crash-${crashes.length}` }).then((next) => {
        service = next;
        watch(next);
        restarting = undefined;
      });
    });
  watch(service);
  let away = false;
  const during: Outcome[] = [];
  const health: { at: number; status: Outcome }[] = [];
  const prober = (async () => {
    while (Date.now() < deadline && !stopping) {
      const res = await call(`${service.url}/healthz`, { method: 'GET', timeoutMs: 3000 });
      health.push({ at: Date.now(), status: res.outcome });
      await sleep(200);
    }
  })();
  const customers = Array.from({ length: Number(args.customers) }, (_, i) => new Customer(() => service.url, `customer-${i}`));
  const outcomes: Outcome[] = [];
  const load = Promise.all(
    customers.map(async (customer, c) => {
      await customer.open(deadline);
      for (let m = 0; m < Number(args.messages); m++) {
        await customer.say(TEXTS[(c + m) % TEXTS.length], `c${c}-m${m}-${started}`, deadline, (o) => {
          outcomes.push(o);
          if (away) during.push(o);
        });
      }
    }),
  );
  const outages: string[] = [];
  for (let k = 0; k < Number(args.kills); k++) {
    await sleep(Number(args['kill-every']) * 1000);
    await restarting;
    const java = javaChildOf(service.pid);
    if (java === undefined) throw new Error('the service runs no embedded database server');
    const killedAt = Date.now();
    away = true;
    process.kill(java, 'SIGKILL');
    const back = () => health.find((h) => h.at > killedAt + 300 && h.status === 200);
    while (!back() && Date.now() < deadline) await sleep(100);
    away = false;
    const backAt = back()?.at ?? Date.now();
    const window = health.filter((h) => h.at >= killedAt && h.at < backAt).map((h) => h.status);
    outages.push(`kill -9 of the database at ${((killedAt - started) / 1000).toFixed(1)} s: /healthz ${tally(window)} until 200 after ${((backAt - killedAt) / 1000).toFixed(1)} s`);
  }
  await load;
  await restarting;
  const settled = await drained(service.url);
  const read = await scrape(service.url);
  const restarts = ((await call(`${service.url}/healthz`, { method: 'GET' })).body as { database?: { server?: { restarts?: number } } })?.database?.server?.restarts;
  stopping = true;
  service.child.kill('SIGTERM');
  await service.exited;
  await prober;
  const db = await openDataDir(dataDir);
  const verdict = await verify(customers.flatMap((c) => c.sent));
  await closeDatabase(db);
  console.log(`database faults: ${customers.length} customers, ${((Date.now() - started) / 1000).toFixed(0)} s; database restarts (last service process): ${restarts ?? '?'}`);
  for (const o of outages) console.log(`  ${o}`);
  for (const c of crashes) console.log(`  ${c}; started again`);
  console.log(`  client requests while the database was away: ${tally(during)}; all requests: ${tally(outcomes)}`);
  console.log(`  /metrics kefu_database_errors_total (last service process): request ${read('kefu_database_errors_total{kind="request"}') ?? 0}, heartbeat ${read('kefu_database_errors_total{kind="heartbeat"}') ?? 0}${settled ? '' : '; queues NOT drained'}`);
  console.log(`  ${describe(verdict)}`);
  console.log(`  data and logs: ${dataDir}`);
  const ok = crashes.length === 0 && verdict.lost === 0 && verdict.answeredTwice === 0 && verdict.leftPending === 0 && verdict.acknowledged === verdict.sent;
  process.exit(ok ? 0 : 1);
}

void main();
