import { test } from 'node:test';
import assert from 'node:assert/strict';
import { io } from 'socket.io-client-v4';
import type { Socket } from 'socket.io-client-v4';
import { ClientEvent, ServerEvent } from '../../src/protocol/index.js';
import { PlatformEvent } from '../../src/platform/index.js';
import { WAIT_MS, captureLogger, connected, platformEvent, startTestPlatform } from './helpers.js';

const MISMATCH =
  'protocol mismatch: the client speaks Engine.IO 4 (a Socket.IO 3/4 client); ' +
  'this platform speaks Engine.IO 3 (Socket.IO 2) only — use socket.io-client@2';

function connectError(socket: Socket): Promise<Error> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for connect_error')), WAIT_MS);
    socket.on('connect', () => reject(new Error('a Socket.IO 4 client must not connect')));
    socket.on('connect_error', (error) => {
      clearTimeout(timer);
      resolve(error);
    });
  });
}

for (const transports of [['websocket'], ['polling', 'websocket']]) {
  test(`a socket.io-client@4 (${transports.join(' then ')}) is refused at the handshake with a log line, and the server stays up`, async (ctx) => {
    const log = captureLogger();
    const t = await startTestPlatform({ logger: log.logger });
    ctx.after(() => t.cleanup());
    const refused = platformEvent(t.platform, PlatformEvent.connectionRefused);
    const v4 = io(t.platform.url, {
      transports,
      reconnection: false,
      forceNew: true,
      query: { token: 't1' },
    });
    await connectError(v4);
    v4.close();
    assert.deepEqual(await refused, { reason: MISMATCH });
    assert.ok(log.lines().includes(`handshake refused: ${MISMATCH}`), log.lines().join('\n'));

    const v2 = await connected(t.platform.url, 't1');
    v2.emit(ClientEvent.reconnect);
    assert.deepEqual(await v2.next(ServerEvent.reconnectError), {
      message: 'no active session for this token',
    });
  });
}
