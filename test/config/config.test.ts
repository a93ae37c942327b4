import { loadConfig, ConfigError } from '../../src/config/config';

describe('configuration', () => {
  it('starts with sensible defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.TIME_ZONE).toBe('Asia/Shanghai');
    expect(config.EMBEDDED_DB).toBe('auto');
    expect(config.MONGODB_URI).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('refuses a bad value with a message naming each bad variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', TIME_ZONE: 'Mars/Olympus', MONGODB_URI: 'postgres://x', WECOM_AES_KEY: 'short' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT');
    expect(message).toContain('TIME_ZONE: must be an IANA time zone');
    expect(message).toContain('MONGODB_URI: must start with mongodb://');
    expect(message).toContain('WECOM_AES_KEY');
    expect((error as ConfigError).issues.map((i) => i.variable).sort()).toEqual(['MONGODB_URI', 'PORT', 'TIME_ZONE', 'WECOM_AES_KEY']);
  });

  it('treats empty strings as unset and parses booleans', () => {
    const config = loadConfig({ MONGODB_URI: '', WIDGET_PRECHAT_FORM: 'true', DB_FRESH: '0', PORT: '8080' });
    expect(config.MONGODB_URI).toBeUndefined();
    expect(config.WIDGET_PRECHAT_FORM).toBe(true);
    expect(config.DB_FRESH).toBe(false);
    expect(config.PORT).toBe(8080);
  });

  it('rejects a short admin password instead of storing a weak one', () => {
    expect(() => loadConfig({ ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD: must be at least 10 characters/);
  });
});
