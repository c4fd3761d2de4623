import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock, systemClock } from '../../src/clock/index.js';
import { ServerEvent } from '../../src/protocol/index.js';
import {
  MemoryOutgoingStore,
  buildStartRequest,
  createConnector,
  newEntry,
} from '../../src/session/index.js';
import type { FileAvailablePayload } from '../../src/protocol/index.js';
import { Outbox } from '../../src/session/outbox.js';
import { START, TOKEN, setup } from './support/env.js';

/** A started session on the real local platform, a real connector, and the first pushed file. */
async function started(t: Parameters<typeof setup>[0]) {
  // The platform on a clock that never moves: "on time" cannot depend on how busy the machine is.
  const env = await setup(t, { count: 1, timeoutCloseSec: 1000, clock: new ManualClock() });
  const connector = createConnector('socket.io-v2', { host: env.host, token: TOKEN });
  t.after(() => connector.close());
  const pushed = new Promise<FileAvailablePayload>((resolve) =>
    connector.once(ServerEvent.fileAvailable, (p) => resolve(p)),
  );
  await connector.connect();
  connector.start(buildStartRequest(START));
  const file = await pushed;
  const sends: boolean[] = [];
  const outbox = new Outbox({
    store: new MemoryOutgoingStore(),
    connector,
    clock: systemClock,
    onSent: (_entry, resend) => sends.push(resend),
  });
  connector.on(ServerEvent.fileSendSuccess, (p) => outbox.acknowledge({ fileId: p.fileId, accepted: true }));
  const answers: string[] = [];
  env.platform.on('file-answered', (a) => answers.push(a.status));
  const entry = newEntry({
    fileId: file.fileId,
    sessionId: file.sessionId ?? 1,
    content: JSON.stringify(file.content),
  });
  return { outbox, entry, sends, answers };
}

test('a drain that starts while an answer is on the wire waits for it instead of sending it again', async (t) => {
  const { outbox, entry, sends, answers } = await started(t);
  await outbox.put(entry);
  const answer = outbox.waitFor(entry.fileId);
  assert.equal(outbox.send(entry), true);
  // A reconnect's drain starting before the platform answered the send above.
  await outbox.drain();
  assert.equal((await answer)?.accepted, true);
  await outbox.settled();
  assert.deepEqual(sends, [false]);
  assert.deepEqual(answers, ['on-time']);
  assert.deepEqual(await outbox.store.list(), []);
});
