import { Customer, TEXTS, call, flags, sleep, startService, tally, tempDir, type Outcome, type SentMessage } from './fault-harness';
import { closeDatabase, describe, openDataDir, verify } from './fault-verify';

/**
 * SIGTERM under load: customers send messages back to back; the service gets SIGTERM in the middle
 * and must finish what it is doing. Every request in flight at the signal must get its answer
 * (no reset connection), later ones are refused (503 while closing, then connection refused), and
 * every acknowledged message must be in the database, answered, with nothing left pending.
 *
 *   npm run fault:sigterm -- --customers 30 --after 8
 */
const args = flags({ customers: '30', after: '8', port: '39600' });

interface Timed {
  startedAt: number;
  endedAt: number;
  outcome: Outcome;
}

async function main(): Promise<void> {
  const dataDir = tempDir('sigterm');
  const service = await startService({ dataDir, port: Number(args.port), label: 'sigterm' });
  const base = () => service.url;
  const started = Date.now();
  const requests: Timed[] = [];
  const messages: SentMessage[] = [];
  let gone = false;
  const customers = Array.from({ length: Number(args.customers) }, (_, i) => new Customer(base, `customer-${i}`));
  await Promise.all(customers.map((c) => c.open(Date.now() + 60_000)));
  const load = Promise.all(
    customers.map(async (customer, c) => {
      for (let m = 0; !gone; m++) {
        const clientMessageId = `c${c}-m${m}-${started}`;
        const res = await call(`${service.url}/api/v1/client/conversations/${customer.conversationId}/messages`, { method: 'POST', body: { text: TEXTS[(c + m) % TEXTS.length], clientMessageId }, token: customer.token, timeoutMs: 60_000 });
        requests.push({ startedAt: res.startedAt, endedAt: res.startedAt + res.ms, outcome: res.outcome });
        const replies = res.outcome === 200 ? (res.body as { messages: unknown[] }).messages.length : 0;
        messages.push({ conversationId: customer.conversationId, clientMessageId, acked: res.outcome === 200, replies, attempts: 1, outcomes: [res.outcome] });
        if (res.outcome === 'refused') return;
        // A conversation keeps its last 50 turns on record: start a new one well before.
        if (m % 40 === 39) await customer.open(Date.now() + 30_000);
      }
    }),
  );
  await sleep(Number(args.after) * 1000);
  const signalAt = Date.now();
  service.child.kill('SIGTERM');
  const { code, signal } = await service.exited;
  const exitedAt = Date.now();
  gone = true;
  await load;
  const inFlight = requests.filter((r) => r.startedAt < signalAt && r.endedAt >= signalAt);
  const after = requests.filter((r) => r.startedAt >= signalAt);
  const db = await openDataDir(dataDir);
  // Only acknowledged messages were promised; the others may or may not have been stored.
  const verdict = await verify(messages.filter((m) => m.acked));
  await closeDatabase(db);
  const broken = inFlight.filter((r) => r.outcome !== 200).length;
  console.log(`SIGTERM under load: ${customers.length} customers sending back to back; SIGTERM at ${((signalAt - started) / 1000).toFixed(1)} s after ${requests.filter((r) => r.endedAt < signalAt).length} answered requests`);
  console.log(`  exit ${code ?? signal} after ${((exitedAt - signalAt) / 1000).toFixed(1)} s`);
  console.log(`  in flight at the signal: ${inFlight.length} — ${tally(inFlight.map((r) => r.outcome))} (not answered: ${broken})`);
  console.log(`  sent after the signal: ${tally(after.map((r) => r.outcome))}`);
  console.log(`  acknowledged messages: ${describe(verdict)}`);
  console.log(`  data and logs: ${dataDir}`);
  process.exit(broken === 0 && verdict.lost === 0 && verdict.answeredTwice === 0 && verdict.leftPending === 0 ? 0 : 1);
}

void main();
