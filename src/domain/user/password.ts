import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

/** argon2id with the library's defaults (memory-hard); the hash string carries its parameters. */
export function hashPassword(plain: string): Promise<string> {
  return hash(plain);
}

export async function verifyPassword(passwordHash: string, plain: string): Promise<boolean> {
  try {
    return await verify(passwordHash, plain);
  } catch {
    return false;
  }
}

/** A random password for the first admin: 18 URL-safe characters. */
export function generatePassword(): string {
  return randomBytes(14).toString('base64url').slice(0, 18);
}
