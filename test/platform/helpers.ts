import { createRequire } from 'node:module';
import pino from 'pino';
import type { Logger } from 'pino';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServerEvent } from '../../src/protocol/index.js';
import type { ClientToServerEvents, EventPayload, ServerToClientEvents } from '../../src/protocol/index.js';
import { ManualClock } from '../../src/clock/index.js';
import { startPlatform } from '../../src/platform/index.js';
import { ids, wireSelection, writeDataset } from '../support/essays.js';
import type { EssaySpec } from '../support/essays.js';
import type {
  Platform,
  PlatformEventMap,
  PlatformEventName,
  PlatformOptions,
} from '../../src/platform/index.js';

// socket.io-client@2 has no types: this is the one place that knows its shape.
interface RawV2Socket {
  id: string;
  connected: boolean;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  emit(event: string, ...args: unknown[]): unknown;
  close(): unknown;
}
type V2Lookup = (url: string, options: Record<string, unknown>) => RawV2Socket;
const ioV2 = createRequire(import.meta.url)('socket.io-client') as V2Lookup;

/** Long enough for a loaded CI machine; only a guard against a hang, never a wait. */
export const WAIT_MS = 8000;

type ServerName = keyof ServerToClientEvents;
type Lifecycle = 'connect' | 'disconnect' | 'error' | 'connect_error';

/**
A socket.io-client@2 connection that records every server event in order, so a test can await
the next one of a kind without missing any that arrived earlier.
*/
export class TestClient {
  /** Every client not closed yet, so a platform's cleanup can close the ones connected to it. */
  static readonly open = new Set<TestClient>();
  private readonly buffers = new Map<string, unknown[]>();
  private readonly waiters = new Map<string, ((value: unknown) => void)[]>();
  /** Every server event in arrival order, as `[name, payload]`. */
  readonly log: [string, unknown][] = [];

  constructor(
    readonly raw: RawV2Socket,
    readonly url = '',
  ) {
    TestClient.open.add(this);
    for (const name of Object.values(ServerEvent)) {
      raw.on(name, (payload: unknown) => {
        this.log.push([name, payload]);
        this.push(name, payload);
      });
    }
    for (const name of ['connect', 'disconnect', 'error', 'connect_error'] as const) {
      raw.on(name, (value: unknown) => this.push(name, value));
    }
  }

  private push(name: string, value: unknown): void {
    const waiting = this.waiters.get(name);
    const waiter = waiting?.shift();
    if (waiter !== undefined) return waiter(value);
    const buffer = this.buffers.get(name) ?? [];
    buffer.push(value);
    this.buffers.set(name, buffer);
  }

  private take(name: string, what: string): Promise<unknown> {
    const buffered = this.buffers.get(name);
    if (buffered !== undefined && buffered.length > 0) return Promise.resolve(buffered.shift());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_MS);
      const list = this.waiters.get(name) ?? [];
      list.push((value) => {
        clearTimeout(timer);
        resolve(value);
      });
      this.waiters.set(name, list);
    });
  }

  /** The next payload of a server event (buffered ones first). */
  next<E extends ServerName>(event: E): Promise<EventPayload<ServerToClientEvents, E>> {
    return this.take(event, event) as Promise<EventPayload<ServerToClientEvents, E>>;
  }

  /** The next `connect`, `disconnect` (its reason), `error` or `connect_error`. */
  lifecycle(event: Lifecycle): Promise<unknown> {
    return this.take(event, event);
  }

  /** How many payloads of `event` arrived and were not taken yet. */
  pending(event: ServerName): number {
    return this.buffers.get(event)?.length ?? 0;
  }

  emit<E extends keyof ClientToServerEvents>(
    event: E,
    payload?: EventPayload<ClientToServerEvents, E>,
  ): void {
    if (payload === undefined) this.raw.emit(event);
    else this.raw.emit(event, payload);
  }

  /** Sends anything at all, for the bad-input tests. */
  emitRaw(event: string, ...args: unknown[]): void {
    this.raw.emit(event, ...args);
  }

  close(): void {
    TestClient.open.delete(this);
    this.raw.close();
  }
}

/** A plain v2 client as the brief prescribes: WebSocket only, no reconnection, token in the query. */
export function connectClient(url: string, token?: string): TestClient {
  const query = token === undefined ? {} : { token };
  return new TestClient(
    ioV2(url, { transports: ['websocket'], forceNew: true, reconnection: false, query }),
    url,
  );
}

/** Connects and waits until the namespace connection is up. */
export async function connected(url: string, token?: string): Promise<TestClient> {
  const client = connectClient(url, token);
  await client.lifecycle('connect');
  return client;
}

/** The next platform event of a kind that satisfies `match`. */
export function platformEvent<E extends PlatformEventName>(
  platform: Platform,
  event: E,
  match: (payload: PlatformEventMap[E]) => boolean = () => true,
): Promise<PlatformEventMap[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for platform ${event}`)), WAIT_MS);
    const listener = (payload: PlatformEventMap[E]) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      platform.off(event, listener);
      resolve(payload);
    };
    platform.on(event, listener);
  });
}

export { essayObject, essayText, ids, writeDataset } from '../support/essays.js';
export type { EssaySpec } from '../support/essays.js';

/** The standard small dataset: 12 rus + 3 eng train essays, 10 test essays. */
export function standardSpecs(): EssaySpec[] {
  return [
    ...ids(12, 1001).map((id) => ({ id, lang: 'rus' as const })),
    ...ids(3, 2001).map((id) => ({ id, lang: 'eng' as const })),
    ...ids(10, 3001).map((id) => ({ id, split: 'test' as const })),
  ];
}

export interface TestPlatform {
  platform: Platform;
  clock: ManualClock;
  dataDir: string;
  datasetDir: string;
  /**
  Closes the client sockets given and every test client still connected to this platform, the
  platform, and removes the temp dirs. Register it with `t.after` right after the start, so a failed
  assertion never leaves a server open.
  */
  cleanup(...clients: TestClient[]): Promise<void>;
}

/**
A platform on a free port with a manual clock (time moves only with `clock.advance`), a temp
dataset and a temp data dir.
*/
export async function startTestPlatform(
  options: Partial<PlatformOptions> = {},
  specs: readonly EssaySpec[] = standardSpecs(),
): Promise<TestPlatform> {
  const root = await mkdtemp(join(tmpdir(), 'readable-platform-'));
  const datasetDir = join(root, 'dataset');
  const dataDir = join(root, 'data');
  await writeDataset(datasetDir, specs);
  const clock = new ManualClock();
  let platform: Platform;
  try {
    platform = await startPlatform({ dataDir, datasetDir, tokens: ['t1', 't2'], clock, ...options });
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  return {
    platform,
    clock,
    dataDir,
    datasetDir,
    async cleanup(...clients) {
      const mine = [...TestClient.open].filter((c) => c.url === platform.url);
      for (const c of [...clients, ...mine]) c.close();
      await platform.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** A marked copy of a pushed essay, as a client returns it: one selection, serialised. */
export function markedAnswer(content: unknown): string {
  const essay = (typeof content === 'string' ? JSON.parse(content) : content) as Record<string, unknown>;
  const selection = wireSelection({
    id: 1,
    startSelection: 0,
    endSelection: 5,
    type: 'Г.слов',
    group: 'error',
  });
  return JSON.stringify({ ...essay, selections: [selection] });
}

export const START_ALGO = {
  type: 'algorithmic',
  params: { dsType: 'train', countFiles: 10, lang: 'rus', time: 10 },
} as const;

/** A real pino logger whose lines a test can read. */
export function captureLogger(): { logger: Logger; lines: () => string[]; raw: () => string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  return {
    logger,
    lines: () => lines.map((l) => (JSON.parse(l) as { msg: string }).msg),
    raw: () => [...lines],
  };
}
