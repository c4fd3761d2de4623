import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PlatformOptionsError } from './errors.js';

/**
The stand-in for a token in file names and logs: the raw token is never written. An HMAC keyed
with the store's own random salt, 32 hex digits (128 bits): without the salt file a weak token
cannot be recovered from a log name by trying candidates, and two stores give different names.
*/
export function tokenHash(token: string, salt: string): string {
  return createHmac('sha256', salt).update(token).digest('hex').slice(0, 32);
}

/** Reads a tokens file: one token per line; blank lines and `#` comments are skipped. */
export async function readTokensFile(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new PlatformOptionsError('tokensFile', `cannot be read (${(error as Error).message})`);
  }
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** What the registry needs from a connection: an id and a way to kick it. */
export interface LiveConnection {
  readonly id: string;
  kick(message: string): void;
}

/**
Accepted tokens and the one live connection each may have. A second connection with the same
token takes over: the older one is kicked. A client whose socket went half-dead reconnects and
is served at once, instead of waiting for a ping timeout to free its token.
*/
export class TokenRegistry<C extends LiveConnection = LiveConnection> {
  private readonly accepted: Set<string>;
  private readonly live = new Map<string, C>();

  constructor(
    tokens: Iterable<string>,
    private readonly salt: string,
  ) {
    this.accepted = new Set([...tokens].filter((t) => t !== ''));
    if (this.accepted.size === 0) throw new PlatformOptionsError('tokens', 'must list at least one token');
  }

  /** `tokenHash` with this store's salt. */
  hash(token: string): string {
    return tokenHash(token, this.salt);
  }

  accepts(token: unknown): token is string {
    return typeof token === 'string' && this.accepted.has(token);
  }

  /** Makes `conn` the token's live connection; returns the one it replaced, if any. */
  claim(token: string, conn: C): C | undefined {
    const previous = this.live.get(token);
    this.live.set(token, conn);
    return previous !== undefined && previous.id !== conn.id ? previous : undefined;
  }

  /** Forgets `conn` if it is still the token's live connection; true when it was. */
  release(token: string, conn: C): boolean {
    if (this.live.get(token)?.id !== conn.id) return false;
    this.live.delete(token);
    return true;
  }

  current(token: string): C | undefined {
    return this.live.get(token);
  }

  get size(): number {
    return this.accepted.size;
  }
}
