import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkStartRequest,
  parseClient,
  parseServer,
  decodeWireEssay,
  namespaceUrl,
} from '../../src/protocol/index.js';
import type {
  ClientToServerEvents,
  EventPayload,
  ServerToClientEvents,
  ClientEvent,
  ServerEvent,
} from '../../src/protocol/index.js';

test('session-start coerces numeric strings and letter case', () => {
  const r = checkStartRequest({
    type: 'Algorithmic',
    params: { dsType: 'TEST', countFiles: '30', lang: 'Eng', time: '10' },
  });
  assert.deepEqual(r, {
    ok: true,
    value: { type: 'algorithmic', params: { dsType: 'test', lang: 'eng', countFiles: 30, time: 10 } },
  });
});

test('session-start names the field and the range when a value is out of range', () => {
  assert.deepEqual(checkStartRequest({ type: 'algorithmic', params: { countFiles: 5, time: 10 } }), {
    ok: false,
    message: 'params.countFiles must be from 10 to 1000 (got 5)',
  });
  assert.deepEqual(checkStartRequest({ type: 'algorithmic', params: { countFiles: 10, time: '61' } }), {
    ok: false,
    message: 'params.time must be from 10 to 60 (got 61)',
  });
  assert.deepEqual(checkStartRequest({ type: 'algorithmic', params: { countFiles: 'ten' } }), {
    ok: false,
    message: 'params.countFiles must be an integer from 10 to 1000 (got "ten")',
  });
  assert.deepEqual(checkStartRequest({ type: 'practice' }), {
    ok: false,
    message: 'type must be one of algorithmic, technical, final (got "practice")',
  });
  assert.deepEqual(checkStartRequest(null), {
    ok: false,
    message: 'session-start payload must be an object (got null)',
  });
});

test('technical and final sessions need no params', () => {
  assert.deepEqual(checkStartRequest({ type: 'TECHNICAL' }), { ok: true, value: { type: 'technical' } });
});

test('session-file-available requires a digit file id and essay content', () => {
  assert.deepEqual(parseServer.fileAvailable(null), {
    ok: false,
    error: 'session-file-available: payload must be an object (got null)',
  });
  assert.deepEqual(parseServer.fileAvailable({ sessionId: 1, fileId: '../etc', content: {} }), {
    ok: false,
    error: 'session-file-available: fileId must be a string of digits or a whole number (got "../etc")',
  });
  const good = parseServer.fileAvailable({ sessionId: '7', fileId: '000105', content: '{}', extra: 1 });
  assert.deepEqual(good, { ok: true, value: { sessionId: '7', fileId: '000105', content: '{}', extra: 1 } });
  // A whole number is the same file id as its decimal string (issue 9.4); a fraction is refused.
  assert.deepEqual(parseServer.fileAvailable({ sessionId: 1, fileId: 123, content: {} }), {
    ok: true,
    value: { sessionId: 1, fileId: '123', content: {} },
  });
  assert.deepEqual(parseServer.fileRepeatSuccess({ fileId: 0, content: {} }), {
    ok: true,
    value: { fileId: '0', content: {}, missed: false },
  });
  assert.deepEqual(parseServer.fileSendSuccess({ sessionId: 1, fileId: 77 }).ok, true);
  for (const [fileId, shown] of [
    [1.5, 'number 1.5'],
    [-3, 'number -3'],
    [2 ** 53, `number ${2 ** 53}`],
  ] as const)
    assert.deepEqual(parseServer.fileAvailable({ sessionId: 1, fileId, content: {} }), {
      ok: false,
      error: `session-file-available: fileId must be a string of digits or a whole number (got ${shown})`,
    });
  // An odd session id is dropped, never the file: it would otherwise name a directory.
  const odd = parseServer.fileAvailable({ sessionId: { x: 1 }, fileId: '1', content: {} });
  assert.deepEqual(odd, { ok: true, value: { sessionId: undefined, fileId: '1', content: {} } });
});

test('session-file-send treats a false or missing sessionId as the active session', () => {
  assert.deepEqual(parseClient.fileSend({ fileId: '1', content: '{}' }), {
    ok: true,
    value: { sessionId: false, fileId: '1', content: '{}' },
  });
  assert.deepEqual(parseClient.fileSend({ sessionId: {}, fileId: '1', content: '{}' }), {
    ok: false,
    error: 'session-file-send: sessionId must be a session id, false or absent (got an object)',
  });
});

test('wire essay content decodes from a string or an object and names a JSON error', () => {
  assert.deepEqual(decodeWireEssay('{"a":1}'), { ok: true, value: { a: 1 } });
  const bad = decodeWireEssay('{"a":');
  assert.equal(bad.ok, false);
  assert.match((bad as { error: string }).error, /^content is not valid JSON: /);
  assert.deepEqual(decodeWireEssay('[1]'), {
    ok: false,
    error: 'content must encode a JSON object (got an array)',
  });
});

test('the namespace URL is not doubled when HOST already ends in /pku', () => {
  assert.equal(namespaceUrl('http://127.0.0.1:4000'), 'http://127.0.0.1:4000/pku');
  assert.equal(namespaceUrl('http://127.0.0.1:4000/pku/'), 'http://127.0.0.1:4000/pku');
});

test('event maps are typed in both directions', () => {
  type Available = EventPayload<ServerToClientEvents, typeof ServerEvent.fileAvailable>;
  const p: Available = { sessionId: 1, fileId: '1', content: {} };
  // @ts-expect-error a file-send request needs a fileId
  const bad: EventPayload<ClientToServerEvents, typeof ClientEvent.fileSend> = { content: '{}' };
  assert.ok(p && bad);
});
