import net from 'node:net';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { createServer } from '../../src/http/server';
import type { TransportOptions } from '../../src/http/transport';
import { testLogger } from '../helpers/logger';
import { loadConfig } from '../../src/config/config';

const health = { databaseKind: 'none', startedAt: new Date(), channels: () => [] };

/** A slow answer held until `open()`; `reached` resolves once a request is waiting on it. */
function gate() {
  let open!: () => void;
  let enter!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  const reached = new Promise<void>((r) => (enter = r));
  return { open, opened, reached, enter };
}
type Gate = ReturnType<typeof gate>;

/** Routes that show what the transport did: who asked, a slow answer, a large one, a body taker. */
function probe(slow: Gate): FastifyPluginAsync<never> {
  return async (app) => {
    app.get('/who', async (req) => ({ ip: req.ip, protocol: req.protocol }));
    app.get('/slow', async () => {
      slow.enter();
      await slow.opened;
      return { done: true };
    });
    app.get('/large', async () => ({ rows: Array.from({ length: 500 }, (_, i) => ({ i, text: `第${i}行：客户咨询保洁服务的价格与时间` })) }));
    app.post('/echo', async (req) => ({ got: (req.body as { text?: string }).text?.length ?? 0 }));
  };
}

async function serve(transport: TransportOptions, slow: Gate = gate()): Promise<FastifyInstance> {
  const app = await createServer({ logger: testLogger, health, transport, plugins: [{ plugin: probe(slow) }] });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return app;
}
const portOf = (app: FastifyInstance) => (app.server.address() as AddressInfo).port;

/** Writes `head` on a raw connection and collects what comes back until the server closes it. */
function rawConnection(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (d) => (received += d.toString()));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => undefined);
  return { socket, closed, received: () => received };
}

describe('transport', () => {
  const apps: FastifyInstance[] = [];
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close().catch(() => undefined)));
  });
  const started = async (t: TransportOptions, slow?: Gate) => {
    const app = await serve(t, slow);
    apps.push(app);
    return app;
  };

  it('cuts a request whose body dribbles in past the body timeout (408, connection closed)', async () => {
    const app = await started({ bodyTimeoutMs: 1500 });
    const c = rawConnection(portOf(app));
    c.socket.write('POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"text":"');
    let sent = 0;
    const drip = setInterval(() => {
      if (c.socket.writable) c.socket.write('a');
      sent++;
    }, 200);
    await c.closed;
    clearInterval(drip);
    expect(c.received()).toMatch(/^HTTP\/1\.1 408/);
    // Far fewer than the 1,000 announced bytes were sent: the server did not wait for them.
    expect(sent).toBeLessThan(100);
  });

  it('believes X-Forwarded-For only from a proxy named in TRUST_PROXY', async () => {
    const open = await started({});
    const behind = await started({ trustProxy: ['127.0.0.1'] });
    const headers = { 'x-forwarded-for': '6.6.6.6', 'x-forwarded-proto': 'https' };
    expect((await open.inject({ method: 'GET', url: '/who', headers })).json()).toEqual({ ip: '127.0.0.1', protocol: 'http' });
    expect((await behind.inject({ method: 'GET', url: '/who', headers })).json()).toEqual({ ip: '6.6.6.6', protocol: 'https' });
    expect((await behind.inject({ method: 'GET', url: '/who', headers, remoteAddress: '10.9.9.9' })).json()).toEqual({ ip: '10.9.9.9', protocol: 'http' });
  });

  it('answers a request that arrives while the service stops with 503 SHUTTING_DOWN and Retry-After, after finishing the one in flight', async () => {
    const slow = gate();
    const app = await started({}, slow);
    const c = rawConnection(portOf(app));
    // One request is in flight on a kept-alive connection when the stop begins; the next comes on it after.
    c.socket.write('GET /slow HTTP/1.1\r\nHost: x\r\n\r\n');
    await slow.reached;
    const closing = app.close();
    // Give the stop a moment to begin (its hooks run asynchronously), then send the next request.
    await new Promise((r) => setTimeout(r, 100));
    c.socket.write('GET /who HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((r) => setTimeout(r, 100));
    slow.open();
    await closing;
    await c.closed;
    const [first, second] = c.received().split(/(?=HTTP\/1\.1 )/);
    expect(first).toMatch(/^HTTP\/1\.1 200/);
    expect(first).toContain('{"done":true}');
    expect(second).toMatch(/^HTTP\/1\.1 503/);
    expect(second.toLowerCase()).toContain('retry-after: 5');
    expect(second).toContain('"code":"SHUTTING_DOWN"');
  });

  it('answers a request not served within the request timeout with 503 REQUEST_TIMEOUT', async () => {
    const slow = gate();
    const app = await started({ requestTimeoutMs: 300 }, slow);
    const res = await app.inject({ method: 'GET', url: '/slow' });
    slow.open();
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('REQUEST_TIMEOUT');
    expect(res.headers['retry-after']).toBe('5');
  });

  it('compresses answers for clients that accept it (brotli, gzip), not small ones', async () => {
    const app = await started({});
    const plain = await app.inject({ method: 'GET', url: '/large' });
    const br = await app.inject({ method: 'GET', url: '/large', headers: { 'accept-encoding': 'br' } });
    const gz = await app.inject({ method: 'GET', url: '/large', headers: { 'accept-encoding': 'gzip' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect((await app.inject({ method: 'GET', url: '/who', headers: { 'accept-encoding': 'br' } })).headers['content-encoding']).toBeUndefined();
  });

  it('refuses a body over the limit with 413 naming the limit', async () => {
    const app = await started({});
    const res = await app.inject({ method: 'POST', url: '/echo', payload: { text: 'a'.repeat(1024 * 1024) } });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than the 1048576 bytes allowed', details: { limitBytes: 1048576 } });
  });

  it('reads the proxies, timeouts and limits from the environment, and names a bad value', () => {
    const config = loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,loopback', RATE_LIMIT_LOGIN_PER_IP: '20/30s', RATE_LIMIT_MESSAGES_PER_IP: 'off' });
    expect(config.TRUST_PROXY).toEqual(['10.0.0.0/8', '127.0.0.1', 'loopback']);
    expect(config.RATE_LIMIT_LOGIN_PER_IP).toEqual({ max: 20, windowMs: 30_000 });
    expect(config.RATE_LIMIT_MESSAGES_PER_IP).toBeUndefined();
    expect(loadConfig({}).RATE_LIMIT_CONVERSATIONS_PER_IP).toEqual({ max: 60, windowMs: 600_000 });
    expect(loadConfig({}).TRUST_PROXY).toBeUndefined();
    expect(() => loadConfig({ TRUST_PROXY: 'any proxy' })).toThrow(/TRUST_PROXY: must be IP addresses or CIDR ranges/);
    expect(() => loadConfig({ RATE_LIMIT_LOGIN_PER_IP: 'ten' })).toThrow(/RATE_LIMIT_LOGIN_PER_IP: must be <count>\/<window>/);
  });

  it('sends HSTS only when PUBLIC_URL is https, and a strict CSP on API answers', async () => {
    const https = await started({ publicUrl: 'https://kefu.example.com' });
    const http = await started({ publicUrl: 'http://127.0.0.1:3000' });
    const a = await https.inject({ method: 'GET', url: '/who' });
    expect(a.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(a.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'");
    expect(a.headers['x-content-type-options']).toBe('nosniff');
    expect((await http.inject({ method: 'GET', url: '/who' })).headers['strict-transport-security']).toBeUndefined();
  });
});
