import { Pool } from 'undici';

export interface ServerOptions {
  /** Requests in flight to this server at most. */
  limit: number;
  /** Verify TLS certificates (the default); `false` only when the user opted out. */
  verifyTls: boolean;
  /** Consecutive failures that take the server out. @default 3 */
  failuresToEject?: number;
  /** First time out; doubles per ejection in a row, up to 30 s. @default 1000 */
  ejectMs?: number;
  now?: () => number;
}

/**
One model server: its keep-alive pool, how many requests it has in flight, and whether it is in.
After `failuresToEject` failures in a row it is out for a while (doubling), then in again for one
probe request at a time until one succeeds — a circuit breaker.
*/
export class ServerState {
  readonly pool: Pool;
  readonly origin: string;
  readonly path: string;
  /** The URL with any password masked, for messages. */
  readonly label: string;
  outstanding = 0;
  #failures = 0;
  #ejections = 0;
  #outUntil = 0;
  #probing = false;

  constructor(
    url: URL,
    private readonly options: ServerOptions,
  ) {
    this.origin = url.origin;
    this.path = `${url.pathname}${url.search}`;
    this.label = maskUrl(url);
    this.pool = new Pool(url.origin, {
      connections: options.limit,
      pipelining: 1,
      keepAliveTimeout: 30_000,
      connect: { rejectUnauthorized: options.verifyTls },
    });
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Whether a request may go there now. */
  get available(): boolean {
    if (this.outstanding >= this.options.limit) return false;
    if (this.#outUntil === 0) return true;
    // Out: after the pause, one probe at a time.
    return this.now() >= this.#outUntil && !this.#probing;
  }

  /** When a server that is out may be probed (0 when it is in). */
  get outUntil(): number {
    return this.#outUntil;
  }

  begin(): void {
    this.outstanding += 1;
    if (this.#outUntil !== 0) this.#probing = true;
  }

  succeeded(): { back: boolean } {
    this.outstanding -= 1;
    const back = this.#outUntil !== 0;
    this.#failures = 0;
    this.#ejections = 0;
    this.#outUntil = 0;
    this.#probing = false;
    return { back };
  }

  /** Counts a failure; says whether it took the server out. */
  failed(): { ejected: boolean; forMs: number } {
    this.outstanding -= 1;
    this.#failures += 1;
    const probe = this.#probing;
    this.#probing = false;
    if (!probe && this.#failures < (this.options.failuresToEject ?? 3)) return { ejected: false, forMs: 0 };
    const forMs = Math.min((this.options.ejectMs ?? 1000) * 2 ** this.#ejections, 30_000);
    this.#ejections += 1;
    this.#outUntil = this.now() + forMs;
    return { ejected: true, forMs };
  }

  /** Neither a success nor a failure of the server (the client gave up on the request). */
  released(): void {
    this.outstanding -= 1;
    this.#probing = false;
  }
}

/** `https://user:secret@host/x` → `https://user:****@host/x`. */
export function maskUrl(url: URL): string {
  if (url.password === '') return url.href;
  const copy = new URL(url.href);
  copy.password = '****';
  return copy.href;
}
