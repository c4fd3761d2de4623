import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClientEvent, ServerEvent } from '../../src/protocol/index.js';
import { START_ALGO, connected, startTestPlatform } from './helpers.js';

test('a session-start that arrives while the platform shuts down is refused, so no session outlives it', async (ctx) => {
  // The report of the first session waits on this gate: the shutdown is held open for as long as the test needs.
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let scoring!: () => void;
  const scoringStarted = new Promise<void>((resolve) => (scoring = resolve));
  const t = await startTestPlatform({
    scoreSession: async () => {
      scoring();
      await gate;
      return {};
    },
  });
  ctx.after(() => t.cleanup());
  const first = await connected(t.platform.url, 't1');
  const second = await connected(t.platform.url, 't2');
  first.emit(ClientEvent.start, START_ALGO);
  await first.next(ServerEvent.startSuccess);

  const closing = t.platform.close();
  await scoringStarted;
  second.emit(ClientEvent.start, START_ALGO);
  const refused = await second.next(ServerEvent.startError);
  assert.match(refused.message, /shutting down/);
  assert.equal(second.pending(ServerEvent.startSuccess), 0);

  release();
  await closing;
  assert.deepEqual(
    t.platform.sessions().filter((s) => s.active),
    [],
    'every session the platform started has ended',
  );
});
