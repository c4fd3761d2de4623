import assert from 'node:assert/strict';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ClientLog } from '../../src/session/client-log.js';
import { SummaryBuilder, SummaryState } from '../../src/session/summary.js';

async function tempDir(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'readable-client-log-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const record = (i: number) => ({
  time: new Date(0).toISOString(),
  level: 'info' as const,
  event: `e${i}`,
  n: i,
});

test('records appended before open are written once the log opens, secrets masked', async (t) => {
  const dir = await tempDir(t);
  const log = new ClientLog({ secrets: ['s3cret-token'] });
  log.append({ ...record(1), message: 'url ?token=s3cret-token' });
  log.open(dir);
  log.append(record(2));
  await log.close();
  const text = await readFile(join(dir, 'client-log.jsonl'), 'utf8');
  assert.ok(!text.includes('s3cret-token'));
  assert.deepEqual(
    (await ClientLog.read(dir)).map((r) => r.event),
    ['e1', 'e2'],
  );
});

test('unsent records come in bounded batches from the sent offset, and a cut last line waits', async (t) => {
  const dir = await tempDir(t);
  const log = new ClientLog();
  log.open(dir);
  for (let i = 0; i < 10; i++) log.append(record(i));
  await log.flush();
  await appendFile(join(dir, 'client-log.jsonl'), '{"time":"x","event":"half-writ');

  const first = await log.nextUnsent(150);
  assert.ok(first && first.records.length > 0 && first.records.length < 10);
  await log.markSent(first.end);
  const seen = [...first.records];
  for (let batch = await log.nextUnsent(150); batch; batch = await log.nextUnsent(150)) {
    seen.push(...batch.records);
    await log.markSent(batch.end);
  }
  assert.deepEqual(
    seen.map((r) => r.n),
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  );
  await log.close();
  // A new process (a new ClientLog on the same dir) starts from the persisted offset.
  const again = new ClientLog();
  again.open(dir);
  assert.equal(await again.nextUnsent(), undefined);
  // Its first record does not join the cut line left behind.
  again.append(record(10));
  await again.flush();
  assert.deepEqual(
    (await again.nextUnsent())?.records.map((r) => r.n),
    [10],
  );
  await again.close();
});

test('a file answered by a later run counts as accepted, not failed, and loses the old reason', () => {
  const earlier = new SummaryState();
  earlier.apply('file-received', { fileId: '1' });
  earlier.apply('file-received', { fileId: '2' });
  earlier.apply('file-sent', { fileId: '1', late: false });
  earlier.apply('file-accepted', { fileId: '1' });
  earlier.apply('file-failed', { fileId: '2', stage: 'stopped', message: 'received after the stop request' });
  const builder = new SummaryBuilder();
  builder.restore(earlier, { runs: 1, startedAt: '2000-01-01T00:00:00.000Z' });
  builder.apply('file-received', { fileId: '2' });
  builder.apply('file-marked', { fileId: '2', outcome: 'unmarked', reason: 'markup failed' });
  builder.apply('file-sent', { fileId: '2', late: true });
  builder.apply('file-accepted', { fileId: '2' });
  const summary = builder.build({ reason: 'finish' });
  assert.deepEqual(summary.received, ['1', '2']);
  assert.deepEqual(summary.accepted, ['1', '2']);
  assert.deepEqual(summary.failed, []);
  assert.deepEqual(summary.late, ['2']);
  assert.deepEqual(summary.reasons, { '2': 'markup failed' });
  assert.equal(summary.runs, 2);
  assert.equal(summary.startedAt, '2000-01-01T00:00:00.000Z');
  assert.equal(builder.has('received', '1'), false, 'has() is about this process only');
});
