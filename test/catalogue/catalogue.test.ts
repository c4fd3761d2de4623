// Runs every case of the bad-input catalogue (test/catalogue/*.json, made by generate.ts) against the
// real code: the essay reader, calc psr's file reader, a real platform over a real socket, and the
// checks the client runs on every server event. Each must fail with every expected fragment in its
// message; on the platform, every refused answer to the pushed file must be kept (nothing lost).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Essay } from '../../src/essay/index.js';
import { parseMarkupFile } from '../../src/scoring/input/read-markup-file.js';
import { ServerEvent, parseServer } from '../../src/protocol/index.js';
import { START_ALGO, connected, startTestPlatform } from '../platform/helpers.js';

interface Case {
  id: string;
  kind: string;
  send: unknown;
  expect: string[];
}

const load = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, `${name}.json`), 'utf8')) as Case[];
const essays = load('essays');
const scoring = load('scoring');
const platform = load('platform');
const client = load('client');

function check(c: Case, message: string | undefined, failures: string[]): void {
  if (message === undefined) return void failures.push(`${c.id}: accepted, expected an error`);
  const missing = c.expect.filter((f) => !message.includes(f));
  if (missing.length > 0)
    failures.push(`${c.id}: ${JSON.stringify(message)} lacks ${JSON.stringify(missing)}`);
}

function thrown(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

test('the catalogue holds at least 300 distinct cases', () => {
  const all = [...essays, ...scoring, ...platform, ...client];
  assert.ok(all.length >= 300, `${all.length} cases`);
  assert.equal(new Set(all.map((c) => c.id)).size, all.length, 'case ids are unique');
  assert.equal(
    new Set(all.map((c) => JSON.stringify([c.kind, c.send]))).size,
    all.length,
    'inputs are distinct',
  );
});

test('essay files: each bad file is an EssayReadError naming the place', () => {
  const failures: string[] = [];
  for (const c of essays) {
    const message = thrown(() => Essay.fromJSON(c.send as string, { source: 'case.json' }));
    check(c, message, failures);
    if (message !== undefined) assert.ok(message.startsWith('case.json'), `${c.id}: ${message}`);
  }
  assert.deepEqual(failures, []);
});

test('scoring CLI: each bad markup file is refused naming the file and the field', () => {
  const failures: string[] = [];
  for (const c of scoring)
    check(
      c,
      thrown(() => parseMarkupFile(c.send as string, 'case.json')),
      failures,
    );
  assert.deepEqual(failures, []);
});

const PARSERS: Record<string, (p: unknown) => { ok: boolean; error?: string }> = {
  'session-file-available': parseServer.fileAvailable,
  'session-file-repeat-success': parseServer.fileRepeatSuccess,
  'session-file-send-success': parseServer.fileSendSuccess,
  'session-file-send-error': parseServer.fileSendError,
  'session-start-success': parseServer.startSuccess,
  'session-reconnect-success': parseServer.reconnectSuccess,
  'session-close': parseServer.close,
  'session-start-error': parseServer.startError,
  'session-reconnect-error': parseServer.reconnectError,
  'logs-send-error': parseServer.logsSendError,
  'session-client-abort-success': parseServer.clientAbortSuccess,
  'session-client-abort-error': parseServer.clientAbortError,
  'session-file-repeat-error': parseServer.fileRepeatError,
  'session-auto-reconnect-error': parseServer.autoReconnectError,
  'connection-auth-error': parseServer.connectionAuthError,
  'logs-send-success': parseServer.logsSendSuccess,
};

test('client events: each bad server event is refused with a message naming the event and field', () => {
  const failures: string[] = [];
  for (const c of client) {
    const { event, payload } = c.send as { event: string; payload: unknown };
    const parse = PARSERS[event];
    assert.ok(parse, `no parser for ${event}`);
    const r = parse(payload);
    check(c, r.ok ? undefined : r.error, failures);
  }
  assert.deepEqual(failures, []);
});

const REPLY: Record<string, string> = {
  'session-file-send': ServerEvent.fileSendError,
  'session-start': ServerEvent.startError,
  'logs-send': ServerEvent.logsSendError,
  'session-file-repeat': ServerEvent.fileRepeatError,
  'session-client-abort': ServerEvent.clientAbortError,
};

type Json = Record<string, unknown>;

/** `{"$essay": patch}` → the pushed essay (with two selections of our own) with `patch` applied. */
function build(content: unknown, pushed: Json): unknown {
  if (typeof content !== 'object' || content === null || !('$essay' in content)) return content;
  const { $essay, $string } = content as { $essay: Json; $string?: boolean };
  const text = pushed.text as string;
  const essay: Json = {
    ...pushed,
    meta: { ...(pushed.meta as Json) },
    selections: [
      { id: 1, startSelection: 0, endSelection: 5, type: 'Г.слов', group: 'error' },
      { id: 2, startSelection: 6, endSelection: 10, type: 'проблема', group: 'meaning' },
    ],
  };
  for (const [key, value] of Object.entries($essay)) {
    const sel = /^\$selection(\d)$/.exec(key);
    if (sel) {
      const list = essay.selections as unknown[];
      const i = Number(sel[1]);
      const patch = value as Json;
      list[i] = '$replace' in patch ? patch.$replace : { ...(list[i] as Json), ...patch };
    } else if (key === '$meta') Object.assign(essay.meta as Json, value);
    else if (key === '$textChange') {
      const at = value as number;
      essay.text = `${text.slice(0, at)}${text[at] === 'X' ? 'Y' : 'X'}${text.slice(at + 1)}`;
    } else if (key === '$textCut') essay.text = text.slice(0, value as number);
    else if (key === '$textAppend') essay.text = `${text}${value as string}`;
    else if (value === '$delete') delete essay[key];
    else essay[key] = value;
  }
  return $string === true ? JSON.stringify(essay) : essay;
}

test('platform events: each bad event gets its -error event with a precise message; refused answers are kept', async (ctx) => {
  const t = await startTestPlatform({ maxPayloadBytes: 50_000_000 });
  ctx.after(() => t.cleanup());
  const socket = await connected(t.platform.url, 't1');
  socket.emit('session-start', START_ALGO); // a manual clock: no deadline passes during the run
  const { sessionId } = await socket.next(ServerEvent.startSuccess);
  const pushed = await socket.next(ServerEvent.fileAvailable);
  const pushedEssay = pushed.content as Json;
  const failures: string[] = [];
  let kept = 0;
  for (const c of platform) {
    const { event, payload } = c.send as { event: string; payload: unknown };
    let sent = payload;
    if (typeof payload === 'object' && payload !== null && !Array.isArray(payload)) {
      const p = { ...(payload as Json) };
      if (p.fileId === '$FILE') p.fileId = pushed.fileId;
      if ('content' in p) p.content = build(p.content, pushedEssay);
      sent = p;
    }
    if (payload === undefined) socket.emitRaw(event);
    else socket.emitRaw(event, sent);
    const reply = REPLY[event];
    assert.ok(reply, `no reply event for ${event}`);
    const answer = (await socket.next(reply as typeof ServerEvent.fileSendError)) as { message?: string };
    check(c, answer.message, failures);
    const m = answer.message ?? '';
    if (
      event === 'session-file-send' &&
      !m.startsWith('session-file-send:') &&
      !/not pushed|active session/.test(m)
    )
      kept++;
  }
  assert.deepEqual(failures, []);
  const dir = join(t.dataDir, 'answers', String(sessionId));
  const invalid = (await readdir(dir)).filter((n) => n.startsWith(`${pushed.fileId}.invalid-`));
  assert.equal(invalid.length, kept, 'every refused answer to the pushed file is kept');
  assert.ok(kept > 50);
});
