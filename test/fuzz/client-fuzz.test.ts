// Protocol fuzzing, hostile platform → real client: a Socket.IO 2 server (socket.io 2.5.1, the
// platform's own generation) that answers `session-start` with random sequences of server events
// carrying random and mutated payloads, against a real `Session` (the library's public API, the
// Socket.IO 2 connector, the demo markup, files on disk). Properties: the client never crashes nor
// rejects unhandled, it ends, it writes nothing outside its session folder, every refusal it reports
// carries a message, and its heap stays bounded over the runs. Fixed seed and 20 runs in `npm test`;
// FUZZ_RUNS=<n> (and FUZZ_SEED=<n>) for a longer run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { ClientEvent, NAMESPACE, ServerEvent } from '../../src/protocol/index.js';
import { createIoServer } from '../../src/platform/io-types.js';
import type { IoSocket } from '../../src/platform/io-types.js';
import { Marker, createDemoMarkup } from '../../src/markup/index.js';
import { Session, createConnector } from '../../src/session/index.js';
import { essayObject } from '../support/essays.js';
import { captureLogger } from '../platform/helpers.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const SEED = Number(process.env.FUZZ_SEED ?? 9191);
/** A guard against a hang only: a client that has not ended by then fails the property. */
const END_BOUND_MS = 20_000;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const IDS = ['5001', '5002', '5003'];
const BAD_IDS = [
  '../../../escape',
  '..',
  '/tmp/escape',
  'a/b',
  'a\\b',
  '',
  ' ',
  '5001\u0000x',
  'x'.repeat(300),
  '.hidden',
  'CON',
  -1,
  1.5,
  1e21,
  5001,
  null,
  true,
  {},
  [],
];

/** A nested value `depth` levels deep (a stack-breaker for naive recursion). */
function nested(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = { v };
  return v;
}

const essay = (id: string) => essayObject({ id });
const sessionIdArb = fc.oneof(
  fc.constant<unknown>('$sid'),
  fc.constant<unknown>(undefined),
  fc.jsonValue({ maxDepth: 1 }),
);
const fileIdArb = fc.oneof(
  fc.constantFrom<unknown>(...IDS),
  fc.constantFrom<unknown>(...BAD_IDS),
  fc.string(),
);
const contentArb = fc.oneof(
  fc.constantFrom(...IDS).map(essay),
  fc.constantFrom(...IDS).map((id) => JSON.stringify(essay(id))),
  fc.record({
    meta: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(essay('5001').meta)),
    text: fc.oneof(fc.string(), fc.integer(), fc.constant('\ud800 lone surrogate')),
    selections: fc.oneof(fc.constant([]), fc.jsonValue({ maxDepth: 2 })),
  }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant(nested(5000)),
  fc.constant('{"truncated json'),
);
const pushArb = fc.record(
  { sessionId: sessionIdArb, fileId: fileIdArb, content: contentArb, missed: fc.boolean() },
  { requiredKeys: ['fileId'] },
);

type Step = { event: string; payload?: unknown };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: pushArb.map((p) => ({ event: ServerEvent.fileAvailable, payload: p })) },
  { weight: 2, arbitrary: pushArb.map((p) => ({ event: ServerEvent.fileRepeatSuccess, payload: p })) },
  {
    weight: 3,
    arbitrary: fc
      .record({
        sessionId: sessionIdArb,
        fileId: fileIdArb,
        message: fc.option(fc.string(), { nil: undefined }),
      })
      .chain((p) =>
        fc
          .constantFrom(ServerEvent.fileSendSuccess, ServerEvent.fileSendError)
          .map((event) => ({ event, payload: p })),
      ),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.constantFrom(
          ServerEvent.startSuccess,
          ServerEvent.startError,
          ServerEvent.reconnectSuccess,
          ServerEvent.reconnectError,
          ServerEvent.fileRepeatError,
          ServerEvent.clientAbortSuccess,
          ServerEvent.clientAbortError,
          ServerEvent.logsSendSuccess,
          ServerEvent.logsSendError,
          ServerEvent.autoReconnectError,
          'no-such-event',
          'disconnect',
          'error',
        ),
        fc.oneof(
          fc.jsonValue({ maxDepth: 2 }),
          fc.record({ sessionId: sessionIdArb, message: fc.string() }),
          fc.constant(undefined),
        ),
      )
      .map(([event, payload]) => ({ event, payload })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom(ServerEvent.close, ServerEvent.abort, ServerEvent.connectionAuthError),
        fc.jsonValue({ maxDepth: 1 }),
      )
      .map(([event, payload]) => ({ event, payload })),
  },
);

const scriptArb = fc.record({
  before: fc.array(stepArb, { maxLength: 3 }),
  sessionId: fc.oneof(fc.integer({ min: 1, max: 1e6 }), fc.constantFrom('77', 'abc')),
  body: fc.array(stepArb, { minLength: 1, maxLength: 20 }),
  acks: fc.constantFrom('success', 'error', 'none'),
});
interface Script {
  before: Step[];
  sessionId: number | string;
  body: Step[];
  acks: string;
}

function resolveSid(payload: unknown, sid: number | string): unknown {
  if (payload === '$sid') return sid;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return payload;
  const p = payload as Record<string, unknown>;
  return p.sessionId === '$sid' ? { ...p, sessionId: sid } : p;
}

/** The hostile platform: plays the current script to whoever connects. */
async function hostilePlatform() {
  const http = createServer();
  const io = createIoServer(http, {
    transports: ['websocket'],
    pingInterval: 10_000,
    pingTimeout: 20_000,
    maxHttpBufferSize: 50_000_000,
    serveClient: false,
    cookie: false,
    allowRequest: (_req, cb) => cb(null, true),
  });
  let script: Script | undefined;
  const sockets = new Set<IoSocket>();
  io.of(NAMESPACE).on('connection', (socket) => {
    sockets.add(socket);
    socket.on('disconnect', () => sockets.delete(socket));
    const play = (steps: Step[], sid: number | string) => {
      for (const s of steps) {
        const payload = resolveSid(s.payload, sid);
        if (payload === undefined) socket.emit(s.event);
        else socket.emit(s.event, payload);
      }
    };
    socket.on(ClientEvent.start, () => {
      const s = script;
      if (s === undefined) return;
      play(s.before, s.sessionId);
      socket.emit(ServerEvent.startSuccess, { sessionId: s.sessionId });
      play(s.body, s.sessionId);
      socket.emit(ServerEvent.close, { sessionId: s.sessionId, type: 'finish' });
    });
    socket.on(ClientEvent.fileSend, (p: unknown) => {
      const s = script;
      const fileId = (p as { fileId?: unknown } | null)?.fileId;
      if (s === undefined || s.acks === 'none') return;
      if (s.acks === 'success') socket.emit(ServerEvent.fileSendSuccess, { sessionId: s.sessionId, fileId });
      else
        socket.emit(ServerEvent.fileSendError, {
          sessionId: s.sessionId,
          fileId,
          message: 'hostile refusal',
        });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    host: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    set script(s: Script) {
      script = s;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.disconnect(true);
        io.close(() => resolve());
      }),
  };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => !e.isDirectory()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

test('a hostile platform: random event sequences never crash the client, nothing is written outside its folder', async (t) => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  t.after(() => process.off('unhandledRejection', onUnhandled));
  const root = await mkdtemp(join(tmpdir(), 'readable-client-fuzz-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const platform = await hostilePlatform();
  t.after(() => platform.close());
  const heap: number[] = [];
  let run = 0;
  let saved = 0;

  await fc.assert(
    fc.asyncProperty(scriptArb, async (script) => {
      run += 1;
      platform.script = script;
      // Deep inside the run's folder: a file id that climbs out of `files/sessions/<id>/input` stays in it.
      const runDir = join(root, `run-${run}`);
      const filesDir = join(runDir, 'a', 'b', 'c', 'files');
      await mkdir(filesDir, { recursive: true });
      const log = captureLogger();
      const refusals: string[] = [];
      const session = new Session({
        filesDir,
        timeScale: 0.01,
        drainTimeoutMs: 500,
        logger: log.logger,
        marker: new Marker(createDemoMarkup({ maxDelaySec: 0 })),
        connector: createConnector('socket.io-v2', {
          host: platform.host,
          token: 'fuzz-token',
          reconnect: { minDelayMs: 10, maxDelayMs: 50, maxAttempts: 3, initialAttempts: 2 },
        }),
      });
      session.on('file-rejected', ({ message }) => refusals.push(message));
      session.on('file-failed', ({ message }) => refusals.push(message));
      await session.start({ count: 10, time: 10, dataset: 'train', lang: 'rus' }).catch(() => undefined);
      let timer: NodeJS.Timeout | undefined;
      const ended = await Promise.race([
        session.done.then(() => true),
        new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), END_BOUND_MS))),
      ]);
      clearTimeout(timer);
      if (!ended) await session.stop();
      assert.ok(ended, `the client did not end within ${END_BOUND_MS} ms`);
      for (const message of refusals) assert.ok(message.trim().length > 0, 'a refusal without a message');
      // Nothing outside files/sessions/ of the run.
      const written = await filesUnder(runDir);
      saved += written.filter((p) => /\/input\/[^/]+\.json$/.test(p)).length;
      for (const path of written) {
        assert.ok(
          path.startsWith(join('a', 'b', 'c', 'files', 'sessions') + '/'),
          `written outside: ${path}`,
        );
      }
      await rm(runDir, { recursive: true, force: true });
      gc();
      heap.push(process.memoryUsage().heapUsed);
    }),
    {
      seed: SEED,
      numRuns: RUNS,
      endOnFailure: true,
      includeErrorInReport: true,
      ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}),
    },
  );
  assert.deepEqual(
    unhandled.map((r) => String(r)),
    [],
  );
  // Not vacuous: essays did get through the noise and were saved.
  t.diagnostic(`${saved} inputs saved over ${run} runs`);
  assert.ok(saved > 0, 'no input was ever saved: the fuzz never reached the pipeline');
  // Bounded: the heap after the last run is within 32 MB of the heap after the first tenth.
  const tenth = Math.max(1, Math.floor(heap.length / 10));
  const base = heap[tenth - 1] ?? 0;
  const last = heap[heap.length - 1] ?? 0;
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  t.diagnostic(`heap after run ${tenth}: ${mb(base)} MB; after run ${heap.length}: ${mb(last)} MB`);
  assert.ok(last - base < 32 * 1024 * 1024, `heap grew from ${mb(base)} MB to ${mb(last)} MB`);
});
