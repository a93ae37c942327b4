import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { alive, startServiceProcess, waitFor, type ServiceProcess } from '../helpers/service-process';

jest.setTimeout(300_000);

/** The pids of the embedded database servers started on this data directory. */
function databasePids(dataDir: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', '--', `--data ${path.join(dataDir, 'mongo-java-server')}`]).toString().trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

type Health = { status: string; database: { kind: string; ok: boolean; server?: { state: string; restarts: number } } };
const health = async (s: ServiceProcess): Promise<Health | undefined> => (await fetch(`${s.url}/healthz`).catch(() => undefined))?.json() as Promise<Health | undefined>;

/** Opens a widget conversation and sends `n` messages, each acknowledged before the next. */
async function chat(s: ServiceProcess, n: number): Promise<{ conversationId: string; token: string; sent: string[] }> {
  const opened = (await (await fetch(`${s.url}/api/v1/client/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale: 'zh-CN' }) })).json()) as { conversationId: string; token: string };
  const sent: string[] = [];
  for (let i = 0; i < n; i++) {
    const text = `第${i + 1}条：请问你们几点上班`;
    const res = await fetch(`${s.url}/api/v1/client/conversations/${opened.conversationId}/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${opened.token}` }, body: JSON.stringify({ text, clientMessageId: `durable-${i}` }) });
    expect(res.status).toBe(200);
    sent.push(text);
  }
  return { ...opened, sent };
}

async function customerTexts(s: ServiceProcess, c: { conversationId: string; token: string }): Promise<string[]> {
  const texts: string[] = [];
  let after: string | undefined;
  for (;;) {
    const res = await fetch(`${s.url}/api/v1/client/conversations/${c.conversationId}/messages${after ? `?after=${after}` : ''}`, { headers: { authorization: `Bearer ${c.token}` } });
    const page = (await res.json()) as { messages: { author: string; text: string }[]; cursor?: string };
    texts.push(...page.messages.filter((m) => m.author === 'customer').map((m) => m.text));
    if (!page.messages.length || page.cursor === after) return texts;
    after = page.cursor;
  }
}

describe('npm start on the embedded database (mongo-java-server, H2 file)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-embedded-'));
  const env = { DATA_DIR: dataDir, MONGODB_URI: '', EMBEDDED_DB: 'mongo-java-server', BUSINESS_HOURS: 'mon-sun 00:00-24:00' };
  let running: ServiceProcess | undefined;

  afterAll(async () => {
    await running?.stop();
    for (const pid of databasePids(dataDir)) process.kill(pid, 'SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged message through kill -9, leaves no database behind, and never runs two on one directory', async () => {
    const first = await startServiceProcess(env);
    expect(await health(first)).toMatchObject({ status: 'ok', database: { kind: 'mongo-java-server', ok: true, server: { state: 'up', restarts: 0 } } });
    const [dbPid] = databasePids(dataDir);
    expect(dbPid).toBeGreaterThan(0);

    // A second service on the same data directory is refused with a clear message.
    await expect(startServiceProcess(env, { timeoutMs: 60_000 })).rejects.toThrow(/another kefu database server is using/);
    expect(databasePids(dataDir)).toEqual([dbPid]);

    const conversation = await chat(first, 25);
    first.child.kill('SIGKILL');
    await first.exited;
    // The database server notices its parent is gone and exits: no orphan.
    expect(await waitFor(() => !alive(dbPid), 15_000)).toBe(true);

    running = await startServiceProcess(env);
    expect(await customerTexts(running, conversation)).toEqual(conversation.sent);
  });

  it('starts the database server again when it dies, and says so in /healthz meanwhile', async () => {
    const service = running!;
    const [dbPid] = databasePids(dataDir);
    process.kill(dbPid, 'SIGKILL');
    const back = await waitFor(async () => {
      const h = await health(service);
      return h?.status === 'ok' && h.database.server?.restarts === 1 ? h : undefined;
    }, 60_000, 200);
    expect(back).toMatchObject({ database: { server: { state: 'up', restarts: 1 } } });
    const [newPid] = databasePids(dataDir);
    expect(newPid).not.toBe(dbPid);
    // Nothing was lost, and the service serves again.
    const more = await chat(service, 3);
    expect(await customerTexts(service, more)).toEqual(more.sent);
  });
});
