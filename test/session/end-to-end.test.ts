import assert from 'node:assert/strict';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { ManualClock } from '../../src/clock/index.js';
import { Essay } from '../../src/essay/index.js';
import { createOnlySaveMarkup } from '../../src/markup/index.js';
import { JournalOutgoingStore, summaryOk } from '../../src/session/index.js';
import type { Markup } from '../../src/markup/index.js';
import { START, makeSession, runSessionIn, setup } from './support/env.js';
import type { TestEnv } from './support/env.js';
import { demo, inline } from './support/markups.js';
import { recorder } from '../support/events.js';

async function sessionWith(env: TestEnv, markup: Markup, start: typeof START | { time: number } = START) {
  const session = makeSession(env, markup);
  const sessionId = await session.start({ ...START, ...start });
  return { session, sessionId, summary: await session.done };
}

test('a demo-markup session saves every input and output and gets every file accepted', async (t) => {
  const env = await setup(t, { count: 3 });
  const { sessionId, summary } = await sessionWith(env, demo());
  assert.equal(summary.end.reason, 'finish');
  assert.deepEqual(summary.accepted.sort(), env.ids);
  assert.ok(summaryOk(summary));
  const dir = join(env.filesDir, 'sessions', String(sessionId));
  assert.deepEqual(
    (await readdir(join(dir, 'input'))).sort(),
    env.ids.map((id) => `${id}.json`),
  );
  assert.deepEqual(
    (await readdir(join(dir, 'output'))).sort(),
    env.ids.map((id) => `${id}.json`),
  );
  const out = Essay.fromJSON(await readFile(join(dir, 'output', `${env.ids[0]}.json`), 'utf8'));
  assert.equal(out.selections.length, 1);
  const current = JSON.parse(await readFile(join(env.filesDir, 'sessions', 'current.json'), 'utf8'));
  assert.equal(current.sessionId, sessionId);
  assert.deepEqual(await new JournalOutgoingStore(join(dir, 'outgoing.jsonl')).list(), []);
});

test('an inline markup object is used as is and its selections reach the platform on time', async (t) => {
  // The protocol's 60 s per file on a clock the test moves: "on time" cannot depend on the machine.
  const clock = new ManualClock();
  const env = await setup(t, { count: 2, timeScale: 1, clock });
  const answered: string[] = [];
  env.platform.on('file-answered', (a) => answered.push(`${a.fileId}:${a.status}`));
  const session = makeSession(env, inline(), { clock, timeScale: 1 });
  const accepted = recorder<string>('accepted answers');
  session.on('file-accepted', ({ fileId }) => accepted.add(fileId));
  await session.start({ ...START, time: 60 });
  await accepted.count(1, session.done);
  clock.advance(60_000); // the second push
  await accepted.count(2, session.done);
  const summary = await session.done;
  assert.deepEqual(summary.accepted.sort(), env.ids);
  assert.deepEqual(
    answered.sort(),
    env.ids.map((id) => `${id}:on-time`),
  );
  const out = Essay.fromJSON(await readFile(join(summary.dir ?? '', 'output', `${env.ids[1]}.json`), 'utf8'));
  assert.deepEqual(
    out.selections.toJSON().map((s) => [s.startSelection, s.endSelection, s.type]),
    [[0, 5, 'проблема']],
  );
});

test('only-save mode saves inputs, sends nothing and still counts as done', async (t) => {
  // Nothing is sent, so the platform ends the session at timeout-close: on a clock the test moves.
  const clock = new ManualClock();
  const env = await setup(t, { count: 2, timeoutCloseSec: 20, timeScale: 1, clock });
  const session = makeSession(env, createOnlySaveMarkup(), { clock, timeScale: 1 });
  const kept = recorder<string>('kept files');
  session.on('file-marked', ({ fileId, outcome }) => outcome === 'kept' && kept.add(fileId));
  const sessionId = await session.start({ ...START, time: 10 });
  await kept.count(1, session.done);
  clock.advance(10_000); // the second push
  await kept.count(2, session.done);
  clock.advance(20_000); // timeout-close
  const summary = await session.done;
  assert.equal(summary.end.reason, 'timeout-close');
  assert.deepEqual(summary.kept.sort(), env.ids);
  assert.deepEqual(summary.sent, []);
  assert.ok(summaryOk(summary));
  assert.equal((await readdir(join(env.filesDir, 'sessions', String(sessionId), 'input'))).length, 2);
});

test('runSession with a markup module file marks every essay', async (t) => {
  const env = await setup(t, { count: 2 });
  await writeFile(
    join(env.dir, 'my-markup.mjs'),
    `export default function (essay) { essay.selections.add({ startSelection: 0, endSelection: 3, type: 'проблема', group: 'meaning' }); return essay; }\n`,
  );
  const result = await runSessionIn(env, { markup: './my-markup.mjs' });
  assert.equal(result.exitCode, 0, result.stderr);
  assert.deepEqual(result.summary?.accepted.sort(), env.ids);
  assert.match(result.stdout, /accepted\s+2/);
});

test('runSession with a markup command pipes each essay through the program', async (t) => {
  // The platform waits 10 s after the last push: however long a loaded machine takes to start
  // `node`, the answers arrive while the session is open.
  const env = await setup(t, { count: 2, timeoutCloseSec: 1000 });
  await writeFile(
    join(env.dir, 'mark.mjs'),
    `let s = ''; process.stdin.on('data', (d) => (s += d)); process.stdin.on('end', () => { const e = JSON.parse(s); e.selections.push({ id: 1, startSelection: 0, endSelection: 4, type: 'проблема', group: 'meaning' }); process.stdout.write(JSON.stringify(e)); });\n`,
  );
  // The markup is waited for (send-late), not cut at a deadline of real milliseconds: what this
  // test is about is the pipe, not the time a child process takes to start.
  const result = await runSessionIn(env, { markupCommand: `node mark.mjs`, onMarkupFailure: 'send-late' });
  assert.equal(result.exitCode, 0, result.stderr);
  assert.deepEqual(result.summary?.accepted.sort(), env.ids);
  const dir = result.summary?.dir ?? '';
  const out = Essay.fromJSON(await readFile(join(dir, 'output', `${env.ids[1]}.json`), 'utf8'));
  assert.equal(out.selections.length, 1);
});

test('directory mode sends the answer another program writes into output/', async (t) => {
  // Both files pushed at once, 10 s × 0.5 = 5 s each: the "program" below has time to answer.
  const env = await setup(t, { count: 2, timeoutCloseSec: 1000, timeScale: 0.5, pushIntervalSec: 0 });
  const session = makeSession(
    env,
    (await import('../../src/markup/index.js')).createDirectoryMarkup({ pollIntervalMs: 10 }),
    { onMarkupFailure: 'send-late', timeScale: 0.5 },
  );
  session.on('file-saved', ({ fileId, path }) => {
    // The "participant's program": reads input/{id}.json, writes output/{id}.json.
    void (async () => {
      const essay = Essay.fromJSON(await readFile(path ?? '', 'utf8'));
      essay.selections.add({ startSelection: 1, endSelection: 6, type: 'проблема', group: 'meaning' });
      await writeFile(join(path ?? '', '..', '..', 'output', `${fileId}.json`), essay.toString());
    })();
  });
  await session.start(START);
  const summary = await session.done;
  assert.deepEqual(summary.accepted.sort(), env.ids);
  assert.deepEqual(summary.unmarked, []);
});
