/** A key as written in the configuration: 32 bytes, base64 (44 characters) or hex (64). */
export function parsePiiKey(text: string): Buffer | undefined {
  const t = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : /^[A-Za-z0-9+/_-]{43}=?$/.test(t) ? Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64') : undefined;
  return bytes?.length === 32 ? bytes : undefined;
}
