import { createRequire } from 'node:module';
import { hash, verify, Algorithm } from '@node-rs/argon2';
import type { Config } from '../../platform/config/index.ts';
import { AppError } from '../../platform/errors.ts';
import { registerFieldMessages } from '../../platform/i18n/index.ts';

// OWASP's argon2id minimum (19 MiB, 2 passes); tests use a cheap setting to stay fast.
const costly = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
const cheap = { algorithm: Algorithm.Argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 };

type HashConfig = Pick<Config, 'NODE_ENV'>;
const costOf = (config: HashConfig) => (config.NODE_ENV === 'test' ? cheap : costly);

export async function hashPassword(config: HashConfig, password: string): Promise<string> {
  return hash(password, costOf(config));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A dummy hash (of the same cost as real ones), verified when the user does not exist, so timing does not reveal usernames. */
const dummies = new Map<object, string>();
export async function burnVerify(config: HashConfig, password: string): Promise<void> {
  const cost = costOf(config);
  let dummy = dummies.get(cost);
  if (!dummy) dummies.set(cost, (dummy = await hash('not-a-real-password-0', cost)));
  await verifyPassword(dummy, password);
}

/** Passwords must be at least this long (and at most 128 characters). */
export const PASSWORD_MIN_LENGTH = 10;
/**
 * zxcvbn score (0–4) a new password must reach: 3 = "safely unguessable: moderate protection from
 * an offline slow-hash attack" (about 10^8 guesses and more). Common passwords, keyboard walks,
 * dates, repeats and the person's own names score lower.
 */
export const PASSWORD_MIN_SCORE = 3;

registerFieldMessages({
  weak_password: { zh: '密码太短或太容易猜到', en: 'Too short or too easy to guess' },
  password_too_short: { zh: '至少 10 位', en: 'At least 10 characters' },
  password_too_long: { zh: '最多 128 位', en: 'At most 128 characters' },
  password_common: { zh: '这是常见密码（或其简单变形），容易被猜到', en: 'This is a common password (or a simple variant of one)' },
  password_personal: { zh: '不能包含用户名、姓名等个人信息', en: 'Must not contain your username, name or other personal details' },
  password_guessable: { zh: '规律太简单（键盘顺序、重复、日期等），容易被猜到', en: 'Too easy to guess (keyboard pattern, repeats, dates…)' },
  same_as_old: { zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' },
});

interface Estimator {
  check(
    password: string,
    userInputs: string[],
  ): { score: number; feedback: { warning: string | null }; sequence: { pattern: string; dictionaryName?: string }[] };
}
let estimator: Estimator | undefined;

/**
 * The zxcvbn-ts estimator with its common-password and keyboard dictionaries. Loaded on the first
 * password check, not at start-up: the import and the first check take about a second on a small
 * machine (docs/security.md), which no start-up should pay for a rare action.
 */
function loadEstimator(): Estimator {
  if (!estimator) {
    const require = createRequire(import.meta.url);
    const core = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
    const common = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
    estimator = new core.ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs }) as unknown as Estimator;
  }
  return estimator;
}

/** The platform's own names: the first words an attacker of this site tries. */
const PLATFORM_WORDS = ['yiwang', '一网', 'yiwangtong', 'zhengwu'];

/** The person's own words (username, name and their parts): a password must not be built on them. */
function personalWords(userInputs: (string | null | undefined)[]): string[] {
  const words = new Set<string>();
  for (const input of userInputs) {
    if (!input) continue;
    const v = input.trim().toLowerCase();
    if (v.length < 2) continue;
    words.add(v);
    // "zhang.ming", "zhang_ming2" → also "zhangming", "zhang", "ming".
    const parts = v.split(/[^\p{L}\p{N}]+/u).filter((p) => p.length >= 3);
    for (const p of parts) words.add(p.replace(/\d+$/, ''));
    words.add(v.replace(/[^\p{L}]+/gu, ''));
  }
  return [...words].filter((w) => w.length >= 2);
}

/**
 * Refuses a password that is too short, too long or guessable (zxcvbn score below
 * PASSWORD_MIN_SCORE with the account's username and name as personal words), as
 * `auth.weak_password` with a field error that says why. Seeds of demo accounts do not call this.
 */
export function assertStrongPassword(password: string, field = 'newPassword', userInputs: (string | null | undefined)[] = []): void {
  const weak = (code: string) => new AppError('auth.weak_password', { fields: [{ field, code }] });
  if (password.length < PASSWORD_MIN_LENGTH) throw weak('password_too_short');
  if (password.length > 128) throw weak('password_too_long');
  const words = personalWords(userInputs);
  const lower = password.toLowerCase();
  // zxcvbn forgives a name with enough around it; a password spelling out the person's own username or name does not pass.
  if (words.some((w) => w.length >= 4 && lower.includes(w))) throw weak('password_personal');
  if (PLATFORM_WORDS.some((w) => lower.includes(w))) throw weak('password_guessable');
  const result = loadEstimator().check(password, [...words, ...PLATFORM_WORDS]);
  if (result.score >= PASSWORD_MIN_SCORE) return;
  // Dictionary names: 'userInputs' (the personal words), 'passwords-common' (leaked passwords), 'diceware-common'.
  const from = (name: string) => result.sequence.some((m) => m.pattern === 'dictionary' && (m.dictionaryName ?? '').startsWith(name));
  throw weak(from('userInputs') ? 'password_personal' : from('passwords') ? 'password_common' : 'password_guessable');
}
