import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { BSON, Binary, Decimal128, Double, Int32, Long, MongoClient, ObjectId, Timestamp, UUID, type Document, type Filter, type UpdateFilter } from 'mongodb';
import pino from 'pino';
import { jarsDirectory, startMongoJavaServer } from '../../src/db/embedded/mongo-java-server';
import type { RunningServer } from '../../src/db/embedded/running-server';
import { waitFor } from '../helpers/service-process';

/**
 * The embedded server's own storage (src/db/embedded/mongo-java-server/KefuMongoServer.java):
 * documents kept as BSON in the H2 file, keys compared by value, a unique index used for queries
 * that pin it beside other conditions, updates that never change a document a commit is writing,
 * and files of the stock H2 layout converted when opened.
 */
jest.setTimeout(180_000);

const ROOT = path.join(__dirname, '..', '..');
const JARS = jarsDirectory(ROOT);
const log = pino({ level: 'silent' });

const serverPids = (dataDir: string) => {
  try {
    return execFileSync('pgrep', ['-f', '--', `--data ${path.resolve(dataDir)}`]).toString().trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
};

/** A filter by an id of any kind (the driver's typing expects ObjectIds). */
const byId = (id: unknown): Filter<Document> => ({ _id: id }) as Filter<Document>;

/** A document with every BSON type the service writes (and a few more), nested and in arrays. */
const everyType = (): Document => ({
  _id: new ObjectId(),
  text: '您好，请问几点上班？ 🙂',
  empty: '',
  int: new Int32(42),
  long: Long.fromString('9007199254740993'),
  double: new Double(1.5),
  wholeDouble: new Double(2),
  decimal: Decimal128.fromString('12345.6789'),
  yes: true,
  no: false,
  nothing: null,
  at: new Date('2026-12-02T08:30:00.123Z'),
  ts: new Timestamp({ t: 1_796_196_000, i: 7 }),
  bytes: new Binary(Buffer.from([0, 1, 2, 250, 255])),
  uuid: new UUID('3b241101-e2bb-4255-8caf-4136c566a962'),
  nested: { a: { b: { c: [1, 'two', { three: new Date(0) }] } }, emptyDoc: {} },
  list: [new ObjectId(), null, [1, [2]], { k: 'v' }],
  emptyList: [],
});
const canonical = (d: unknown) => BSON.EJSON.stringify(d, { relaxed: false });

async function connect(server: RunningServer): Promise<MongoClient> {
  const client = new MongoClient(server.uri, { serverSelectionTimeoutMS: 30_000 });
  await client.connect();
  return client;
}

/** Kills the server with SIGKILL; its supervisor starts it again on the same port and files. */
async function killAndAwaitRestart(server: RunningServer, dataDir: string): Promise<void> {
  const [pid] = serverPids(dataDir);
  expect(pid).toBeGreaterThan(0);
  const restartsBefore = server.health!().restarts;
  process.kill(pid, 'SIGKILL');
  expect(await waitFor(() => server.health!().restarts > restartsBefore && server.health!().state === 'up', 60_000)).toBe(true);
}

/** A server of its own for a describe block (files under `dataDir`, else memory) and a client. */
function serverFor(dataDir: string | undefined): { server: RunningServer; client: MongoClient } {
  const running = {} as { server: RunningServer; client: MongoClient };
  beforeAll(async () => {
    running.server = await startMongoJavaServer({ jars: JARS, dataDir, heapMb: 256, log });
    running.client = await connect(running.server);
  });
  afterAll(async () => {
    await running.client?.close();
    await running.server?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return running;
}

describe('the H2 file store', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-storage-'));
  const db = serverFor(dataDir);

  it('gives back every BSON type exactly as written, after kill -9 and a restart', async () => {
    const docs = db.client.db('kefu_storage').collection('types');
    const written: Document[] = [everyType(), everyType(), { _id: 'string id', v: 1 }, { _id: 7, v: 2 }, { _id: { compound: 1, id: 'x' }, v: 3 }];
    await docs.insertMany(written);
    await docs.updateOne(byId(written[0]._id), { $set: { 'nested.a.b.added': new Date('2026-01-01T00:00:00Z') }, $unset: { empty: 1 } });
    const expected = await docs.find().sort({ _id: 1 }).toArray();

    await killAndAwaitRestart(db.server, dataDir);
    const after = await docs.find().sort({ _id: 1 }).toArray();
    expect(after.map(canonical)).toEqual(expected.map(canonical));
    expect(after.find((d) => String(d._id) === String(written[0]._id))).toMatchObject({ nested: { a: { b: { added: new Date('2026-01-01T00:00:00Z') } } } });
    expect(after.find((d) => String(d._id) === String(written[0]._id))).not.toHaveProperty('empty');
    // Ids of every kind are still found by value.
    for (const d of written) expect(await docs.findOne(byId(d._id), { projection: { _id: 1 } })).toEqual({ _id: d._id });
  });

  it('loses no acknowledged update when updates race with the commits writing their documents', async () => {
    const counters = db.client.db('kefu_storage').collection('counters');
    await counters.insertMany(Array.from({ length: 20 }, (_, i): Document => ({ _id: i, n: 0, log: [] })));
    const acknowledged = new Array<number>(20).fill(0);
    await Promise.all(
      Array.from({ length: 10 }, async (_, w) => {
        for (let i = 0; i < 60; i++) {
          const id = (w * 7 + i) % 20;
          // Each changes several fields of a document in place (set, unset, push with slice, inc).
          const update = { $inc: { n: 1 }, $set: { [`f${i % 4}`]: `${w}-${i}`, at: new Date() }, $unset: { [`f${(i + 2) % 4}`]: 1 }, $push: { log: { $each: [i], $slice: -5 } } } as unknown as UpdateFilter<Document>;
          if (i % 2) await counters.findOneAndUpdate(byId(id), update, { returnDocument: 'after' });
          else await counters.updateOne(byId(id), update);
          acknowledged[id] += 1;
        }
      }),
    );
    await killAndAwaitRestart(db.server, dataDir);
    const after = await counters.find().sort({ _id: 1 }).toArray();
    expect(after.map((d) => d.n)).toEqual(acknowledged);
    expect(after.reduce((sum, d) => sum + d.n, 0)).toBe(600);
    for (const d of after) expect(d.log.length).toBeLessThanOrEqual(5);
  });
});

describe.each([
  ['memory backend (the tests)', undefined],
  ['H2 file (npm start)', 'h2'],
] as const)('queries that pin a unique key beside other conditions: %s', (_name, storage) => {
  const db = serverFor(storage ? fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-lookup-')) : undefined);

  it('returns exactly the documents that match the whole query', async () => {
    const col = db.client.db('kefu_lookup').collection<{ _id: number; key: string; a: number; b: number; s?: string; status: string; n: number; rev: number }>('things');
    await col.createIndex({ key: 1 }, { unique: true });
    await col.createIndex({ a: 1, b: 1 }, { unique: true });
    await col.createIndex({ s: 1 }, { unique: true, sparse: true });
    const all = Array.from({ length: 60 }, (_, i) => ({ _id: i, key: `k${i}`, a: i % 6, b: Math.floor(i / 6), ...(i % 3 ? {} : { s: `s${i}` }), status: i % 2 ? 'open' : 'closed', n: i, rev: 0 }));
    await col.insertMany(all);

    expect(await col.findOne({ key: 'k7', status: 'open' })).toMatchObject({ _id: 7 });
    expect(await col.findOne({ key: 'k7', status: 'closed' })).toBeNull();
    expect(await col.find({ a: 1, b: 2, n: { $gt: 3 } }).toArray()).toEqual([all[13]]);
    expect(await col.find({ a: 1, b: 2, n: { $lt: 3 } }).toArray()).toEqual([]);
    expect(await col.findOne({ s: 's9', $or: [{ status: 'open' }, { n: 100 }] })).toMatchObject({ _id: 9 });
    expect(await col.findOne({ s: 's9', $or: [{ status: 'closed' }, { n: 100 }] })).toBeNull();
    expect(await col.countDocuments({ key: 'k8', n: { $in: [8, 9] } })).toBe(1);

    // Compare-and-set by _id and revision, as the message path commits a turn.
    expect(await col.findOneAndUpdate({ _id: 5, rev: 1 }, { $inc: { rev: 1 } }, { returnDocument: 'after' })).toBeNull();
    expect(await col.findOneAndUpdate({ _id: 5, rev: 0 }, { $inc: { rev: 1 } }, { returnDocument: 'after' })).toMatchObject({ _id: 5, rev: 1 });
    expect((await col.updateMany({ key: 'k5', rev: 0 }, { $set: { status: 'x' } })).modifiedCount).toBe(0);
    expect((await col.deleteMany({ key: 'k4', status: 'open' })).deletedCount).toBe(0);
    expect((await col.deleteMany({ key: 'k4', status: 'closed' })).deletedCount).toBe(1);

    // Sorting and limits still apply to what the index found.
    expect(await col.find({ _id: 10, n: { $gte: 0 } }).sort({ n: -1 }).limit(1).toArray()).toEqual([all[10]]);
    // The same queries as a scan (no unique key) agree.
    expect(await col.find({ n: { $gte: 0 }, status: 'open' }).sort({ _id: 1 }).toArray()).toEqual(all.filter((d) => d.status === 'open').map((d) => (d._id === 5 ? { ...d, rev: 1 } : d)));
  });
});

/** Starts mongo-java-server's stock H2 backend (the old layout) on `file`; resolves with its port. */
function startStockServer(file: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const child = spawn('java', ['-cp', path.join(JARS, '*'), path.join(__dirname, 'fixtures', 'StockH2Server.java'), file], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`stock server exited with ${code}`)));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /"port":(\d+)/.exec(line);
      if (m) resolve({ port: Number(m[1]), stop: async () => { child.kill('SIGTERM'); await exited; } });
    });
  });
}

/** Writes documents and a unique index with the stock backend; returns them as read back there. */
async function writeOldFile(dir: string): Promise<Document[]> {
  const stock = await startStockServer(path.join(dir, 'kefu.mv.db'));
  const old = new MongoClient(`mongodb://127.0.0.1:${stock.port}/`);
  try {
    const col = old.db('kefu_old').collection('things');
    await col.createIndex({ code: 1 }, { unique: true, sparse: true });
    await col.insertMany([{ ...everyType(), code: 'A-1' }, { ...everyType(), code: 'B-2' }, { _id: 'by-name', v: 1 } as Document]);
    await old.db('kefu_old').collection('other').insertOne({ _id: new ObjectId(), note: '保留' });
    return await col.find().sort({ _id: 1 }).toArray();
  } finally {
    await old.close();
    await stock.stop();
  }
}

describe('a file written in the stock H2 layout', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-convert-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('is taken up again after a conversion cut off by a crash', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-convert-cut-'));
    try {
      const expected = await writeOldFile(dir);
      execFileSync('java', ['-cp', path.join(JARS, '*'), path.join(__dirname, 'fixtures', 'InterruptConversion.java'), path.join(dir, 'kefu.mv.db')]);
      const server = await startMongoJavaServer({ jars: JARS, dataDir: dir, heapMb: 256, log });
      const client = await connect(server);
      try {
        const col = client.db('kefu_old').collection('things');
        expect((await col.find().sort({ _id: 1 }).toArray()).map(canonical)).toEqual(expected.map(canonical));
        expect(await client.db('kefu_old').collection('other').countDocuments()).toBe(1);
        await expect(col.insertOne({ ...everyType(), code: 'A-1' })).rejects.toMatchObject({ code: 11000 });
      } finally {
        await client.close();
        await server.stop();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is converted when the server opens it: every document, id and unique index kept', async () => {
    const expected = await writeOldFile(dataDir);
    const b2 = expected.find((d) => d.code === 'B-2')!;

    let server = await startMongoJavaServer({ jars: JARS, dataDir, heapMb: 256, log });
    let client = await connect(server);
    try {
      const col = client.db('kefu_old').collection('things');
      const after = await col.find().sort({ _id: 1 }).toArray();
      expect(after.map(canonical)).toEqual(expected.map(canonical));
      expect(after).toHaveLength(3);
      expect(await client.db('kefu_old').collection('other').findOne({}, { projection: { _id: 0 } })).toEqual({ note: '保留' });
      // The converted unique indexes still refuse duplicates and still find by value.
      await expect(col.insertOne({ ...everyType(), code: 'A-1' })).rejects.toMatchObject({ code: 11000 });
      expect(await col.findOne({ code: 'B-2' }, { projection: { _id: 1 } })).toEqual({ _id: b2._id });
      expect(await col.findOne(byId(b2._id), { projection: { _id: 1 } })).toEqual({ _id: b2._id });
      await col.insertOne({ _id: 'new', v: 2 } as Document);
    } finally {
      await client.close();
      await server.stop();
    }

    // Opened again (now in the new layout, nothing to convert): all there.
    server = await startMongoJavaServer({ jars: JARS, dataDir, heapMb: 256, log });
    client = await connect(server);
    try {
      expect(await client.db('kefu_old').collection('things').countDocuments()).toBe(4);
    } finally {
      await client.close();
      await server.stop();
    }
  });
});
