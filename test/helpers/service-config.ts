import { loadConfig, type Config } from '../../src/config/config';
import { testDatabaseUri } from './database';

/** The first admin every whole-service test signs in as. */
export const BOSS = { email: 'boss@example.com', password: 'first-admin-password' } as const;

/**
 * Config for the whole service in a test: a fresh database of the run, the first admin above, and
 * always within business hours so a hand-off reaches agents whatever time the test runs.
 */
export function testServiceConfig(label: string, env: Record<string, string> = {}): Config {
  return loadConfig({
    MONGODB_URI: testDatabaseUri(label),
    ADMIN_EMAIL: BOSS.email,
    ADMIN_PASSWORD: BOSS.password,
    BUSINESS_HOURS: 'mon-sun 00:00-24:00',
    // Route tests sign in without a console socket: presence must not lapse while a file runs.
    PRESENCE_GRACE_SECONDS: '600',
    // Every test request comes from 127.0.0.1: limits are off unless a test sets them.
    RATE_LIMIT_LOGIN_PER_IP: 'off',
    RATE_LIMIT_LOGIN_PER_ACCOUNT: 'off',
    RATE_LIMIT_CONVERSATIONS_PER_IP: 'off',
    RATE_LIMIT_MESSAGES_PER_IP: 'off',
    ...env,
  });
}
