import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { useLiveChatService } from '../helpers/live-chat';
import { BOSS } from '../helpers/service-config';
import { Session, User } from '../../src/domain/models';

// Served over https behind nobody's proxy (TRUST_PROXY unset).
const service = useLiveChatService('transport_service', { PUBLIC_URL: 'https://kefu.example.com' });
const app = () => service().app;
const DIST = path.resolve(__dirname, '../../web/dist');

describe('the service over https (PUBLIC_URL)', () => {
  it('sets the session cookie Secure and HSTS although the request came as plain http, and records the real address', async () => {
    const res = await app().inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: BOSS,
      headers: { 'x-forwarded-for': '6.6.6.6', 'x-forwarded-proto': 'http' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'kefu_session')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict' });
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    const boss = await User.findOne({ email: BOSS.email }).lean();
    const sessions = await Session.find({ user: boss!._id }).lean();
    expect(sessions.map((s) => s.ip)).not.toContain('6.6.6.6');
    expect(sessions.map((s) => s.ip)).toContain('127.0.0.1');
  });

  it('serves widget.js compressed, still loadable from any site', async () => {
    const file = fs.readFileSync(path.join(DIST, 'widget.js'));
    const res = await app().inject({ method: 'GET', url: '/widget.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(res.rawPayload).equals(file)).toBe(true);
    expect(res.rawPayload.length).toBeLessThan(file.length / 2);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const gz = await app().inject({ method: 'GET', url: '/widget.js', headers: { 'accept-encoding': 'gzip' } });
    expect(zlib.gunzipSync(gz.rawPayload).equals(file)).toBe(true);
  });

  it('serves the console’s assets compressed and keeps the console page’s own strict CSP', async () => {
    const asset = fs.readdirSync(path.join(DIST, 'console/assets')).find((f) => f.endsWith('.js') && fs.statSync(path.join(DIST, 'console/assets', f)).size > 4096)!;
    const res = await app().inject({ method: 'GET', url: `/console/assets/${asset}`, headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(res.rawPayload).equals(fs.readFileSync(path.join(DIST, 'console/assets', asset)))).toBe(true);
    const page = await app().inject({ method: 'GET', url: '/console' });
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe');
  });

  it('keeps the client API open to every origin and free of cookies', async () => {
    const res = await app().inject({ method: 'POST', url: '/api/v1/client/conversations', payload: { locale: 'zh-CN' }, headers: { origin: 'https://shop.example.com' } });
    expect(res.statusCode).toBe(201);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});
