import { Writable } from 'node:stream';
import { createLogger } from '../../src/logging/logger';
import { redactUrl, scrubSecrets } from '../../src/logging/redact';

function capture() {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => void (lines.push(chunk.toString()), done()) });
  return { log: createLogger({ LOG_LEVEL: 'info', NODE_ENV: 'test', LOG_FORMAT: 'json' }, sink), text: () => lines.join('') };
}

describe('secrets never reach a log line', () => {
  it('redacts the whole query of webhook URLs and secret parameters of any other', () => {
    expect(redactUrl('/webhooks/wecom?msg_signature=abc&timestamp=1&nonce=n&echostr=e')).toBe('/webhooks/wecom?msg_signature=[redacted]&timestamp=[redacted]&nonce=[redacted]&echostr=[redacted]');
    expect(redactUrl('/ws/onebot?access_token=t0k')).toBe('/ws/onebot?access_token=[redacted]');
    expect(redactUrl('/api/v1/client/conversations/1/messages?after=65f&token=x')).toBe('/api/v1/client/conversations/1/messages?after=65f&token=[redacted]');
    expect(redactUrl('/console')).toBe('/console');
  });

  it('takes bot tokens, access tokens and bearer tokens out of error messages', () => {
    expect(scrubSecrets('request to https://api.telegram.org/bot123456:AAE-secret_x/getMe failed')).toBe('request to https://api.telegram.org/bot[redacted]/getMe failed');
    expect(scrubSecrets('GET /cgi-bin/gettoken?corpid=ww1&corpsecret=s3cr3t failed')).toBe('GET /cgi-bin/gettoken?corpid=ww1&corpsecret=[redacted] failed');
    expect(scrubSecrets('Authorization: Bearer abcdefgh12345678')).toBe('Authorization: Bearer [redacted]');
  });

  it('logs an SDK error without its request config, and a request without its signed query', () => {
    const { log, text } = capture();
    const error = Object.assign(new Error('connect ECONNREFUSED /bot42:SECRETTOKEN/sendMessage'), { config: { headers: { Authorization: 'Bearer SECRETBEARER' }, params: { access_token: 'SECRETACCESS' } } });
    log.error({ err: error }, 'send failed');
    log.info({ req: { method: 'POST', url: '/webhooks/wechat-mp?signature=SECRETSIG&nonce=SECRETNONCE', ip: '127.0.0.1' } }, 'incoming request');
    log.info({ password: 'SECRETPASS', user: { token: 'SECRETTOKEN2' } }, 'fields');
    const out = text();
    expect(out).toContain('send failed');
    expect(out).toContain('/webhooks/wechat-mp?signature=[redacted]');
    expect(out).not.toMatch(/SECRET/);
  });
});
