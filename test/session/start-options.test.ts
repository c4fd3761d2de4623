import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Marker, createDemoMarkup } from '../../src/markup/index.js';
import { Session, StartOptionsError, TypedEmitter, buildStartRequest } from '../../src/session/index.js';
import type { Connector, ConnectorEvents } from '../../src/session/index.js';

test('valid options become the protocol payload, numbers given as strings included', () => {
  assert.deepEqual(
    buildStartRequest({ type: 'Algorithmic', dataset: 'test', lang: 'eng', count: '300', time: 30 }),
    {
      type: 'algorithmic',
      params: { dsType: 'test', lang: 'eng', countFiles: 300, time: 30 },
    },
  );
});

for (const [options, option, pattern] of [
  [{ count: 9 }, 'count', /`count`: number of files must be an integer from 10 to 1000 \(got 9\)/],
  [{ count: 1001 }, 'count', /from 10 to 1000 \(got 1001\)/],
  [{ count: 12.5 }, 'count', /got 12.5/],
  [{ time: 61 }, 'time', /`time`: seconds per file must be an integer from 10 to 60 \(got 61\)/],
  [{ time: 'soon' }, 'time', /got "soon"/],
  [{ lang: 'de' }, 'lang', /`lang`: must be one of rus, eng, all \(got "de"\)/],
  [{ dataset: 'dev' }, 'dataset', /`dataset`: must be one of train, test/],
  [{ type: 'practice' }, 'type', /`type`: must be one of algorithmic, technical, final/],
] as const) {
  test(`start options ${JSON.stringify(options)} are refused naming \`${option}\``, () => {
    assert.throws(
      () => buildStartRequest(options),
      (e: unknown) => e instanceof StartOptionsError && e.option === option && pattern.test(e.message),
    );
  });
}

/** A connector that records calls; it never connects anywhere. */
class RecordingConnector extends TypedEmitter<ConnectorEvents> implements Connector {
  readonly name = 'recording';
  readonly calls: string[] = [];
  connected = false;
  async connect() {
    this.calls.push('connect');
  }
  start() {
    this.calls.push('start');
    return false;
  }
  abort() {
    return false;
  }
  reconnect() {
    return false;
  }
  sendFile() {
    return false;
  }
  getFile() {
    return false;
  }
  async close() {}
}

test('invalid start options are refused before the session connects or sends anything', async () => {
  const connector = new RecordingConnector();
  const session = new Session({
    connector,
    marker: new Marker(createDemoMarkup()),
    filesDir: '/nonexistent',
  });
  await assert.rejects(session.start({ count: 5 }), StartOptionsError);
  assert.deepEqual(connector.calls, []);
});
