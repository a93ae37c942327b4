import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { useLiveChatService, addUser, asUser, eventually, signIn } from '../helpers/live-chat';
import { BOSS } from '../helpers/service-config';
import { testDatabaseUri } from '../helpers/database';
import { Order } from '../../src/domain/models';

/**
 * A TCP relay between the service and the test run's database: `cut()` drops every connection
 * and stops answering (the database is away), `restore()` takes connections again on the same port.
 */
function databaseRelay(target: URL) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as AddressInfo).port;
        resolve();
      });
    });
  return {
    listen,
    uri: (label: string) => {
      const uri = new URL(testDatabaseUri(label));
      uri.host = `127.0.0.1:${port}`;
      return uri.toString();
    },
    cut: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server!.close(() => resolve());
      }),
    restore: listen,
  };
}

const relay = databaseRelay(new URL(process.env.TEST_MONGODB_URI ?? 'mongodb://127.0.0.1:1'));
let uri = '';
beforeAll(async () => {
  await relay.listen();
  uri = relay.uri('exact_errors');
});
const service = useLiveChatService('exact_errors', {
  get MONGODB_URI() {
    return uri;
  },
} as Record<string, string>);
const app = () => service().app;

/** A customer who opened a chat on the website; their id as the console reads it. */
async function newCustomer(as: ReturnType<typeof asUser>): Promise<string> {
  const opened = (await app().inject({ method: 'POST', url: '/api/v1/client/conversations', payload: {} })).json().conversationId;
  return (await as('GET', `/api/v1/console/conversations/${opened}`)).json().conversation.customer.id;
}

describe('exact errors', () => {
  it('answers 503 DATABASE_UNAVAILABLE with Retry-After while the database is away, and serves again once it is back', async () => {
    const cookie = await signIn(app(), BOSS);
    await relay.cut();
    try {
      const me = await app().inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
      expect(me.statusCode).toBe(503);
      expect(me.json().error).toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: 'The database does not answer' });
      expect(me.headers['retry-after']).toBe('5');
      const open = await app().inject({ method: 'POST', url: '/api/v1/client/conversations', payload: { locale: 'zh-CN' } });
      expect([open.statusCode, open.json().error.code]).toEqual([503, 'DATABASE_UNAVAILABLE']);
    } finally {
      await relay.restore();
    }
    await eventually(async () => (await app().inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode === 200, 20_000);
  }, 60_000);

  it('answers a unique clash on a rename with 409 DUPLICATE naming the field', async () => {
    const asBoss = asUser(app(), await signIn(app(), BOSS));
    const first = await addUser('重名甲');
    const second = await addUser('重名乙');
    const email = await asBoss('PATCH', `/api/v1/console/users/${second.id}`, { email: first.email });
    expect(email.statusCode).toBe(409);
    expect(email.json().error).toMatchObject({ code: 'DUPLICATE', details: [{ field: 'email', message: 'is already used' }] });
    const number = await asBoss('PATCH', `/api/v1/console/users/${second.id}`, { agentNumber: first.agentNumber });
    expect([number.statusCode, number.json().error.details]).toEqual([409, [{ field: 'agentNumber', message: 'is already used' }]]);
    const a = (await asBoss('POST', '/api/v1/console/canned-replies', { title: '问候甲', text: '您好' })).json();
    await asBoss('POST', '/api/v1/console/canned-replies', { title: '问候乙', text: '您好呀' });
    const renamed = await asBoss('PUT', `/api/v1/console/canned-replies/${a.id}`, { title: '问候乙', text: '您好' });
    expect([renamed.statusCode, renamed.json().error.code, renamed.json().error.details?.[0]?.field]).toEqual([409, 'DUPLICATE', 'title']);
  });

  it.each([
    ['a unit price of 1e308 fen', 1e308],
    ['a unit price beyond exact integers', 2 ** 53 + 2],
    ['a unit price above 20,000,000 yuan', 2_000_000_001],
    ['a fractional price', 19.5],
    ['a price as text', '100'],
  ])('refuses an order with %s (400 naming the field) and stores nothing', async (_label, unitPriceFen) => {
    const as = asUser(app(), await signIn(app(), BOSS));
    const customer = await newCustomer(as);
    const before = await Order.countDocuments();
    const res = await as('POST', '/api/v1/console/orders', {
      customer,
      items: [{ product: '茅台', quantity: 1, unitPriceFen }],
      recipient: { name: '张三', phone: '13812345678' },
      address: '北京市朝阳区建国路88号',
      payment: 'cod',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'items.0.unitPriceFen' })]));
    expect(await Order.countDocuments()).toBe(before);
  });

  it('refuses an order whose total would pass the bound, naming the items', async () => {
    const as = asUser(app(), await signIn(app(), BOSS));
    const res = await as('POST', '/api/v1/console/orders', {
      customer: await newCustomer(as),
      items: [{ product: '茅台', quantity: 100000, unitPriceFen: 2_000_000_000 }],
      recipient: { name: '张三', phone: '13812345678' },
      address: '北京市朝阳区建国路88号',
      payment: 'cod',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ field: 'items', message: 'the order total must be at most 2000000000 fen' }]);
  });

  it.each([
    ['a number', 42],
    ['a boolean', true],
    ['null', null],
    ['an array', ['hi']],
  ])('refuses %s where a customer’s text belongs, naming the field', async (_label, text) => {
    const v = (await app().inject({ method: 'POST', url: '/api/v1/client/conversations', payload: {} })).json();
    const res = await app().inject({ method: 'POST', url: `/api/v1/client/conversations/${v.conversationId}/messages`, headers: { authorization: `Bearer ${v.token}` }, payload: { text } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('text');
  });
});
