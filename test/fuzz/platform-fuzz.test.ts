// Protocol fuzzing, hostile client → real platform (fixed seed, short): random sequences of client
// events with random and mutated payloads. Properties: the platform never crashes nor rejects
// unhandled, every refusal is an -error event with a message, nothing is written outside its store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import fc from 'fast-check';
import { ClientEvent, ServerEvent } from '../../src/protocol/index.js';
import { START_ALGO, connected, essayObject, startTestPlatform } from '../platform/helpers.js';

const EVENTS = [
  ClientEvent.start,
  ClientEvent.fileSend,
  ClientEvent.fileRepeat,
  ClientEvent.reconnect,
  ClientEvent.clientAbort,
  ClientEvent.logsSend,
  'session-cliend-abort',
  'disconnect',
  'no-such-event',
] as const;

/** A payload: anything JSON, or a mutation of a valid one (a field dropped, retyped or bent). */
const payload = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.record({
    sessionId: fc.oneof(fc.constant(1), fc.jsonValue({ maxDepth: 1 })),
    fileId: fc.oneof(fc.constantFrom('1001', '1002', '9999'), fc.jsonValue({ maxDepth: 1 })),
    content: fc.oneof(
      fc.constant(essayObject({ id: '1001' })),
      fc.record({
        meta: fc.jsonValue({ maxDepth: 2 }),
        text: fc.oneof(fc.string(), fc.constant(essayObject({ id: '1001' }).text)),
        selections: fc.array(
          fc.record({
            startSelection: fc.jsonValue({ maxDepth: 1 }),
            endSelection: fc.integer(),
            type: fc.string(),
          }),
          { maxLength: 3 },
        ),
      }),
      fc.string(),
    ),
  }),
  fc.constant(START_ALGO),
  fc.record({ logs: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }) }),
  fc.record({ lastFileId: fc.oneof(fc.string(), fc.integer(), fc.constant('1001')) }),
);

const step = fc.record({
  event: fc.constantFrom(...EVENTS),
  payload: fc.option(payload, { nil: undefined }),
});

test('a hostile client: random event sequences never crash the platform; every refusal has a message', async (ctx) => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  ctx.after(() => process.off('unhandledRejection', onUnhandled));
  const t = await startTestPlatform();
  ctx.after(() => t.cleanup());
  const errors = new Set<string>(Object.values(ServerEvent).filter((e) => e.endsWith('-error')));
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
      const client = await connected(t.platform.url, 't1');
      try {
        for (const s of steps) {
          if (s.payload === undefined) client.emitRaw(s.event);
          else client.emitRaw(s.event, s.payload);
          if (s.event === ClientEvent.start) t.clock.advance(10_000);
        }
        // The platform is still there and answers in order: a marked probe after everything else.
        client.emitRaw(ClientEvent.fileRepeat, 'alive-probe');
        for (;;) {
          const reply = await client.next(ServerEvent.fileRepeatError);
          if (reply.message.includes('"alive-probe"')) break;
        }
        for (const [name, body] of client.log)
          if (errors.has(name)) {
            const message = (body as { message?: unknown }).message;
            assert.ok(typeof message === 'string' && message.length > 0, `${name} without a message`);
          }
      } finally {
        client.close();
        await t.platform.abortSession('t1');
      }
    }),
    { seed: 4242, numRuns: 40 },
  );
  assert.deepEqual(unhandled, []);
  // Nothing outside the store (and the test dataset beside it).
  const root = dirname(t.dataDir);
  const written = (await readdir(root, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)));
  for (const path of written) assert.ok(/^(data|dataset)\//.test(path), `written outside the store: ${path}`);
});
