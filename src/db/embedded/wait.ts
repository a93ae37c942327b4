import net from 'node:net';
import { MongoClient } from 'mongodb';

/** A port the OS says is free on 127.0.0.1 right now. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once a MongoDB-protocol server at uri answers ping; rejects after timeoutMs. */
export async function waitForMongo(uri: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 });
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
      return;
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      await client.close().catch(() => undefined);
    }
  }
  throw new Error(`database at ${uri} did not answer within ${timeoutMs} ms`, { cause: lastError });
}
