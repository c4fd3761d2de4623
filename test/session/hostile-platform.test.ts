// Issue 9.4, 9.5, 9.8: a platform that pushes numeric or broken file ids, never answers, answers
// with an invalid session id, pushes before answering the start or for another session. Each a
// real Socket.IO 2 server (test/session/support/scripted-platform.ts) and the real client.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import { ManualClock } from '../../src/clock/index.js';
import { SessionError, summaryOk } from '../../src/session/index.js';
import type { SessionOptions } from '../../src/session/index.js';
import { START, makeSession, runSessionIn } from './support/env.js';
import { demo } from './support/markups.js';
import { ScriptedPlatform, pushedEssay } from './support/scripted-platform.js';
import type { ScriptedClient } from './support/scripted-platform.js';

async function hostile(t: TestContext, script: (client: ScriptedClient) => void) {
  const platform = await ScriptedPlatform.start(script);
  const dir = await mkdtemp(join(tmpdir(), 'readable-hostile-'));
  t.after(async () => {
    await platform.close();
    await rm(dir, { recursive: true, force: true });
  });
  const env = { dir, filesDir: join(dir, 'files'), host: platform.host };
  return {
    platform,
    env,
    session: (options: Partial<SessionOptions> = {}) => makeSession(env, demo(), options),
  };
}

/** Answers every answer with success; `onAnswer` sees each. */
function acceptAnswers(
  client: ScriptedClient,
  onAnswer: (p: { fileId: string; sessionId: unknown }) => void,
) {
  client.socket.on('session-file-send', (raw) => {
    const p = raw as { fileId: string; sessionId: unknown };
    client.emit('session-file-send-success', { sessionId: p.sessionId, fileId: p.fileId });
    onAnswer(p);
  });
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => assert.fail('expected a rejection'),
    (e: unknown) => e,
  );

test('9.4: a numeric fileId is taken as its decimal string; fractional and object ids are saved raw, counted, and fail the exit code', async (t) => {
  const { env } = await hostile(t, (client) => {
    client.socket.on('session-start', () => {
      client.emit('session-start-success', { sessionId: 5 });
      client.emit('session-file-available', { sessionId: 5, fileId: 1.5, content: pushedEssay('a') });
      client.emit('session-file-available', { sessionId: 5, fileId: { id: 7 }, content: pushedEssay('b') });
      client.emit('session-file-available', { sessionId: 5, fileId: '77', content: 5 });
      client.emit('session-file-available', { sessionId: 5, fileId: 123, content: pushedEssay('c') });
    });
    acceptAnswers(client, () => client.emit('session-close', { sessionId: 5, type: 'finish' }));
  });
  const result = await runSessionIn(env, { markup: 'demo' });
  const summary = result.summary!;
  assert.equal(summary.end.reason, 'finish');
  assert.deepEqual(summary.accepted, ['123']);
  assert.ok((await readdir(join(env.filesDir, 'sessions', '5', 'input'))).includes('123.json'));
  // Refused: saved as received, with the validator's precise reason, counted, exit code 1.
  const refused = summary.refused ?? [];
  assert.equal(refused.length, 3, JSON.stringify(summary));
  assert.match(refused[0]!.reason, /fileId must be a string of digits or a whole number \(got number 1\.5\)/);
  assert.match(refused[1]!.reason, /fileId must be a string of digits or a whole number \(got an object\)/);
  assert.equal(refused[2]!.fileId, '77', 'a valid file id names the refused push');
  assert.match(refused[2]!.reason, /content must be an essay object or JSON string \(got number 5\)/);
  const saved = await readdir(join(env.filesDir, 'sessions', '5', 'refused'));
  assert.equal(saved.length, 3);
  assert.ok(
    saved.some((name) => name.endsWith('-77.json')),
    saved.join(' '),
  );
  const first = JSON.parse(await readFile(refused[0]!.path!, 'utf8')) as {
    payload: { fileId: unknown; content: unknown };
  };
  assert.equal(first.payload.fileId, 1.5);
  assert.deepEqual(first.payload.content, pushedEssay('a'), 'the essay is kept as pushed');
  assert.equal(summaryOk(summary), false);
  assert.equal(result.exitCode, 1);
  assert.match(result.stdout, /refused\s+3\s+pushes saved raw, not answered/);
});

test('9.4: the answer to a numeric fileId goes back as the string and is matched by a numeric acknowledgement', async (t) => {
  let answered: { fileId: unknown } | undefined;
  const { session } = await hostile(t, (client) => {
    client.socket.on('session-start', () => {
      client.emit('session-start-success', { sessionId: 5 });
      client.emit('session-file-available', { sessionId: 5, fileId: 42, content: pushedEssay('a') });
    });
    client.socket.on('session-file-send', (raw) => {
      answered = raw as { fileId: unknown };
      client.emit('session-file-send-success', { sessionId: 5, fileId: 42 });
      client.emit('session-close', { sessionId: 5, type: 'finish' });
    });
  });
  const s = session();
  await s.start(START);
  const summary = await s.done;
  assert.equal(answered?.fileId, '42');
  assert.deepEqual(summary.accepted, ['42']);
  assert.equal(summary.refused, undefined);
});

for (const [op, request] of [
  ['start', 'session-start'],
  ['reconnect', 'session-reconnect'],
  ['repeat', 'session-file-repeat'],
  ['abort', 'session-client-abort'],
] as const) {
  test(`9.5: no answer to ${request} fails after the timeout (manual clock), never hangs`, async (t) => {
    const clock = new ManualClock(Date.now());
    let asked!: () => void;
    const requested = new Promise<void>((resolve) => (asked = resolve));
    const { session } = await hostile(t, (client) => client.socket.on(request, () => asked()));
    const s = session({ clock, sessionId: 5, answerTimeoutMs: { [op]: 5000 } });
    const call =
      op === 'start'
        ? s.start(START)
        : op === 'reconnect'
          ? s.reconnect()
          : op === 'repeat'
            ? s.repeatFile()
            : s.abort();
    const error = rejection(call);
    await requested;
    clock.advance(4999);
    clock.advance(1);
    const e = await error;
    assert.ok(e instanceof SessionError, String(e));
    assert.equal(e.kind, op);
    assert.equal(e.message, `the platform did not answer ${request} within 5 s`);
    await s.close();
  });
}

test('9.5: the default answer timeout is 30 s', async (t) => {
  const clock = new ManualClock(Date.now());
  let asked!: () => void;
  const requested = new Promise<void>((resolve) => (asked = resolve));
  const { session } = await hostile(t, (client) => client.socket.on('session-start', () => asked()));
  const s = session({ clock });
  const error = rejection(s.start(START));
  await requested;
  clock.advance(29_999);
  let settled = false;
  void error.then(() => (settled = true));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(settled, false, 'still waiting just before 30 s');
  clock.advance(1);
  assert.match(String(await error), /did not answer session-start within 30 s/);
  await s.close();
});

for (const [event, request, payload, shown] of [
  ['session-start-success', 'session-start', { sessionId: {} }, 'an object'],
  ['session-start-success', 'session-start', { sessionId: null }, 'null'],
  ['session-reconnect-success', 'session-reconnect', {}, 'missing'],
  ['session-reconnect-success', 'session-reconnect', { sessionId: [1] }, 'an array'],
] as const) {
  test(`9.5: ${event} with sessionId ${shown} is refused at once with a precise error`, async (t) => {
    const { session, env } = await hostile(t, (client) =>
      client.socket.on(request, () => client.emit(event, payload)),
    );
    const s = session(request === 'session-reconnect' ? { sessionId: 5 } : {});
    const e = await rejection(request === 'session-start' ? s.start(START) : s.reconnect());
    assert.ok(e instanceof SessionError);
    assert.equal(
      e.message,
      `the platform's answer is invalid: ${event}: sessionId must be a session id (string or number) (got ${shown})`,
    );
    await s.close();
    if (request === 'session-start')
      await assert.rejects(
        readFile(join(env.filesDir, 'sessions', 'current.json')),
        'no session was recorded',
      );
  });
}

test('9.5: the CLI exits with an error when the platform never answers the start (SESSION_ANSWER_TIMEOUT_SEC)', async (t) => {
  const { env } = await hostile(t, () => undefined);
  const result = await runSessionIn(env, { markup: 'demo' }, { SESSION_ANSWER_TIMEOUT_SEC: '0.2' });
  assert.equal(result.exitCode, 1);
  assert.match(result.stderr, /error: the platform did not answer session-start within 200 ms/);
});

test('9.8: a push before the start is answered is held, then saved and answered under the session id', async (t) => {
  const answers: { fileId: string; sessionId: unknown }[] = [];
  const { env, session } = await hostile(t, (client) => {
    client.socket.on('session-start', () => {
      client.emit('session-file-available', { fileId: '1001', content: pushedEssay('a') });
      client.emit('session-start-success', { sessionId: 5 });
    });
    acceptAnswers(client, (p) => {
      answers.push(p);
      client.emit('session-close', { sessionId: 5, type: 'finish' });
    });
  });
  const s = session();
  assert.equal(await s.start(START), 5);
  const summary = await s.done;
  assert.deepEqual(summary.accepted, ['1001']);
  assert.equal(answers.length, 1);
  assert.equal(answers[0]!.sessionId, 5, 'answered with the session id, never "unknown"');
  assert.equal(answers[0]!.fileId, '1001');
  assert.deepEqual(await readdir(join(env.filesDir, 'sessions')), ['5', 'current.json']);
  assert.ok((await readdir(join(env.filesDir, 'sessions', '5', 'input'))).includes('1001.json'));
});

test('9.8: a push for another session is refused and recorded; the state stays with the own session', async (t) => {
  const { env, session } = await hostile(t, (client) => {
    client.socket.on('session-start', () => {
      // Before the answer, naming a session that is not the one being started: must not pin the client.
      client.emit('session-file-available', { sessionId: 99, fileId: '1001', content: pushedEssay('a') });
      client.emit('session-start-success', { sessionId: 5 });
      client.emit('session-file-available', { sessionId: 5, fileId: '1002', content: pushedEssay('b') });
    });
    client.socket.on('session-file-send', (raw) => {
      // Another push for a session that is not this one, then the answer's acknowledgement.
      client.emit('session-file-available', { sessionId: '98', fileId: '1003', content: pushedEssay('c') });
      client.emit('session-file-send-success', { sessionId: 5, fileId: (raw as { fileId: string }).fileId });
    });
  });
  const s = session();
  const accepted = new Promise<void>((resolve) => s.once('file-accepted', () => resolve()));
  assert.equal(await s.start(START), 5);
  await accepted;
  await s.idle();
  const summary = await s.close();
  assert.equal(summary.sessionId, 5);
  assert.deepEqual(summary.accepted, ['1002']);
  assert.deepEqual(
    (summary.refused ?? []).map((r) => [r.fileId, r.reason]),
    [
      ['1001', 'pushed for session 99, but this client is in session 5: saved, not answered'],
      ['1003', 'pushed for session 98, but this client is in session 5: saved, not answered'],
    ],
  );
  const sessions = await readdir(join(env.filesDir, 'sessions'));
  assert.deepEqual(sessions.sort(), ['5', 'current.json'], 'nothing filed under 99, 98 or unknown');
  const current = JSON.parse(await readFile(join(env.filesDir, 'sessions', 'current.json'), 'utf8')) as {
    sessionId: unknown;
  };
  assert.equal(current.sessionId, 5);
  assert.equal((await readdir(join(env.filesDir, 'sessions', '5', 'refused'))).length, 2);
});

test('9.8: pushes held when the start is refused are saved as refused in _unattached, never lost', async (t) => {
  const { env, session } = await hostile(t, (client) => {
    client.socket.on('session-start', () => {
      client.emit('session-file-available', { fileId: '1001', content: pushedEssay('a') });
      client.emit('session-start-error', { message: 'no files left' });
    });
  });
  const s = session();
  const e = await rejection(s.start(START));
  assert.match(String(e), /refused to start the session: no files left/);
  const summary = await s.close();
  assert.equal(summary.refused?.length, 1);
  assert.match(
    summary.refused![0]!.reason,
    /pushed before the session id was known, and the session ended without one/,
  );
  const dir = join(env.filesDir, 'sessions', '_unattached', 'refused');
  const [name] = await readdir(dir);
  assert.ok(name?.endsWith('-1001.json'), name);
  const saved = JSON.parse(await readFile(join(dir, name!), 'utf8')) as { payload: { content: unknown } };
  assert.deepEqual(saved.payload.content, pushedEssay('a'));
});

test('9.8: a reconnect answered with another session than current.json is refused, nothing is filed under it', async (t) => {
  const { env, session } = await hostile(t, (client) =>
    client.socket.on('session-reconnect', () => client.emit('session-reconnect-success', { sessionId: 6 })),
  );
  const s = session({ sessionId: 5 });
  const e = await rejection(s.reconnect());
  assert.ok(e instanceof SessionError);
  assert.equal(
    e.message,
    'the platform resumed session 6, but this client holds session 5: not taking it up',
  );
  await s.close();
  await assert.rejects(readdir(join(env.filesDir, 'sessions', '6')));
});

test('9.4: pushes refused by an earlier process count in the summary and exit code of the resumed session', async (t) => {
  const { env, session } = await hostile(t, (client) => {
    client.socket.on('session-start', () => {
      client.emit('session-start-success', { sessionId: 5 });
      client.emit('session-file-available', { sessionId: 5, fileId: 'x1', content: pushedEssay('a') });
    });
    client.socket.on('session-reconnect', () => client.emit('session-reconnect-success', { sessionId: 5 }));
    client.socket.on('session-file-repeat', () => {
      client.emit('session-file-repeat-error', { message: 'nothing to repeat', missed: false });
      client.emit('session-close', { sessionId: 5, type: 'finish' });
    });
  });
  const first = session();
  await first.start(START);
  // The refusal is counted as it arrives; the stop waits for it to be written.
  const firstSummary = await first.stop();
  assert.equal(firstSummary.refused?.length, 1, JSON.stringify(firstSummary));

  const second = session({ sessionId: 5 });
  await second.reconnect();
  const summary = await second.done;
  assert.equal(summary.end.reason, 'finish');
  assert.deepEqual(
    summary.refused?.map((r) => r.reason),
    ['session-file-available: fileId must be a string of digits or a whole number (got "x1")'],
  );
  assert.ok(summary.refused?.[0]?.path?.startsWith(join(env.filesDir, 'sessions', '5', 'refused')));
  assert.equal(summaryOk(summary), false);
});
