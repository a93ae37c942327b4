import { generate } from 'qrcode-terminal';
import type { Logger } from 'pino';
import type { StatusRecorder } from '../shared/adapter-status';

/** ScanStatus values (wechaty-puppet): 2 waiting for a scan, 5 the code expired and was replaced. */
const SHOW_STATUSES = new Set([2, 5]);

/**
 * Shows the login QR code to whoever runs the service: drawn in the terminal when there is one, its
 * image URL in the log, and both in status().details so an admin can log in from GET /healthz.
 */
export function showLoginQrCode(qrcode: string, scanStatus: number, imageUrl: string, status: StatusRecorder, log: Logger): void {
  status.detail('scanStatus', scanStatus);
  if (!SHOW_STATUSES.has(scanStatus) || qrcode === '') return;
  status.detail('loginQrCode', qrcode);
  status.detail('loginQrCodeUrl', imageUrl);
  log.info({ url: imageUrl }, 'wechaty: scan this QR code with the WeChat account the bot should use');
  // Only a terminal can show it; under a process manager the URL in the log is what is seen.
  if (process.stdout.isTTY) generate(qrcode, { small: true }, (art) => process.stdout.write(`${art}\n`));
}

/** Forgets the QR code once logged in, and records who the bot is. */
export function recordLogin(name: string, id: string, status: StatusRecorder): void {
  status.connected = true;
  status.detail('loginQrCode', undefined);
  status.detail('loginQrCodeUrl', undefined);
  status.detail('scanStatus', undefined);
  status.detail('loggedInAs', { id, name });
}
