import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Marker } from '../../src/markup/index.js';
import { ServerEvent } from '../../src/protocol/index.js';
import type { FileSendRequest, StartRequest } from '../../src/protocol/index.js';
import {
  MemoryOutgoingStore,
  Session,
  TypedEmitter,
  backoffDelay,
  connectorNames,
  createConnector,
  registerConnector,
} from '../../src/session/index.js';
import type { Connector, ConnectorEvents, ConnectorOptions } from '../../src/session/index.js';
import { inline } from './support/markups.js';

const ESSAY = {
  meta: { id: '000105', subject: 'rus', theme: '', taskText: '' },
  text: 'Текст сочинения. '.repeat(5),
  selections: [],
};

/** A transport that is the platform itself, in memory: what a user's own connector might look like. */
class LoopbackConnector extends TypedEmitter<ConnectorEvents> implements Connector {
  readonly name = 'loopback';
  connected = false;
  readonly received: FileSendRequest[] = [];
  constructor(readonly options: ConnectorOptions) {
    super();
  }
  async connect() {
    this.connected = true;
    this.emit('connected', { reconnect: false });
  }
  start(_request: StartRequest) {
    queueMicrotask(() => {
      this.emit(ServerEvent.startSuccess, { sessionId: 'loop-1' });
      this.emit(ServerEvent.fileAvailable, {
        sessionId: 'loop-1',
        fileId: '000105',
        content: JSON.stringify(ESSAY),
      });
    });
    return true;
  }
  sendFile(request: FileSendRequest) {
    this.received.push(request);
    queueMicrotask(() => {
      this.emit(ServerEvent.fileSendSuccess, { sessionId: 'loop-1', fileId: request.fileId });
      this.emit(ServerEvent.close, { sessionId: 'loop-1', type: 'finish' });
    });
    return true;
  }
  abort() {
    return false;
  }
  reconnect() {
    return false;
  }
  getFile() {
    return false;
  }
  async close() {
    this.connected = false;
  }
}

test('a registered connector is created by name and runs a whole session without other changes', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'readable-connector-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  registerConnector('loopback', (o) => new LoopbackConnector(o));
  assert.ok(connectorNames().includes('loopback'));
  const connector = createConnector('loopback', { host: 'memory://', token: 'x' });
  const session = new Session({
    connector,
    marker: new Marker(inline()),
    filesDir: dir,
    outgoingStore: () => new MemoryOutgoingStore(),
  });
  await session.start({ count: 10, time: 10 });
  const summary = await session.done;
  assert.equal(summary.sessionId, 'loop-1');
  assert.deepEqual(summary.accepted, ['000105']);
  const sent = (connector as LoopbackConnector).received[0];
  assert.equal(sent?.sessionId, 'loop-1');
  assert.equal(typeof sent?.content, 'string');
});

test('an unknown connector name is an error that lists the known ones', () => {
  assert.throws(
    () => createConnector('carrier-pigeon', { host: 'x', token: 'y' }),
    /unknown connector "carrier-pigeon"; known: socket.io-v2/,
  );
});

test('backoff grows from the first delay to the cap and stays within the jitter', () => {
  const policy = { minDelayMs: 1000, maxDelayMs: 10_000, jitter: 0.5, maxAttempts: 10, initialAttempts: 3 };
  assert.equal(
    backoffDelay(1, policy, () => 0.5),
    1000,
  );
  assert.equal(
    backoffDelay(3, policy, () => 0.5),
    4000,
  );
  assert.equal(
    backoffDelay(10, policy, () => 0.5),
    10_000,
  );
  for (let attempt = 1; attempt <= 12; attempt++) {
    for (const r of [0, 0.999]) {
      const d = backoffDelay(attempt, policy, () => r);
      assert.ok(d >= 500 && d <= 10_000, `attempt ${attempt}: ${d}`);
    }
  }
});

test('the typed connector events refuse a wrong payload at compile time', () => {
  const c = new LoopbackConnector({ host: '', token: '' });
  c.on(ServerEvent.fileSendError, (p) => assert.equal(typeof p.fileId, 'string'));
  // @ts-expect-error a send result carries a fileId, not a count
  c.on(ServerEvent.fileSendSuccess, (p: { count: number }) => p);
  // @ts-expect-error not an event of the protocol or the connector
  c.on('session-file-snd', () => undefined);
});
