import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { createLogger } from '../../src/log/index.js';
import { fill, tinyDisk } from '../support/disk.js';
import { START, makeSession, setup } from './support/env.js';
import { demo } from './support/markups.js';

test('a full disk is reported precisely and the session still answers every file', async (t) => {
  const env = await setup(t, { count: 3 });
  const disk = await tinyDisk(t);
  if (disk === undefined) return;
  await fill(disk);

  let logged = '';
  const logger = createLogger({ debug: false, console: { write: (s: string) => (logged += s) } });
  t.after(() => logger.close());
  const session = makeSession({ filesDir: join(disk, 'files'), host: env.host }, demo(), { logger });
  await session.start(START);
  const summary = await session.done;

  assert.equal(summary.end.reason, 'finish');
  assert.deepEqual([...summary.accepted].sort(), env.ids);
  assert.match(logged, /could not save the received essay; going on with it in memory/);
  assert.match(logged, /no space left on device/);
  assert.match(logged, new RegExp(`${disk}/files/sessions/\\d+/input/${env.ids[0]}\\.json`));
});
