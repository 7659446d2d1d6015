import { hash, verify, Algorithm } from '@node-rs/argon2';
import { AppError } from '../../platform/errors.ts';

// OWASP's argon2id minimum (19 MiB, 2 passes); tests use a cheap setting to stay fast.
const costly = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
const cheap = { algorithm: Algorithm.Argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 };

export async function hashPassword(password: string): Promise<string> {
  return hash(password, process.env.NODE_ENV === 'test' || process.env.VITEST ? cheap : costly);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A dummy hash, verified when the user does not exist, so timing does not reveal usernames. */
let dummy: string | undefined;
export async function burnVerify(password: string): Promise<void> {
  dummy ??= await hashPassword('not-a-real-password-0');
  await verifyPassword(dummy, password);
}

export function assertStrongPassword(password: string, field = 'newPassword'): void {
  if (password.length < 10 || password.length > 128 || !/[A-Za-z]/.test(password) || !/\d/.test(password)) {
    throw new AppError('auth.weak_password', { fields: [{ field, code: 'weak_password' }] });
  }
}
