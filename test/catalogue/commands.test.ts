// The markup-command part of the bad-input catalogue (test/catalogue/commands.json, made by
// generate.ts): each case is a real shell command run by the real command runner through the marker,
// on a real essay. Each must fail with every expected fragment in its message, the message stays
// short (a flood of stderr is cut), the essay given to the markup is unchanged (nothing lost), and no
// process of any command is left running.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Essay } from '../../src/essay/index.js';
import { Marker, createCommandMarkup } from '../../src/markup/index.js';
import { leftovers } from '../../scripts/chaos/procs.js';

interface CommandCase {
  id: string;
  kind: string;
  send: { command: string; options?: { maxOutputBytes?: number; cwd?: string; abortOnStderr?: string } };
  expect: string[];
}

const cases = JSON.parse(readFileSync(join(import.meta.dirname, 'commands.json'), 'utf8')) as CommandCase[];
const TEXT = Array.from({ length: 40 }, (_, i) => `слово${i}`).join(' ');
const ESSAY = JSON.stringify({
  meta: { id: '0000101', subject: 'rus', theme: 'Тема', taskText: '' },
  text: TEXT,
  selections: [],
});

/** Every command of this run carries it in its environment: what is left running is found by it. */
const MARK = `CATALOGUE_COMMANDS=${process.pid}`;

async function run(c: CommandCase, cwd: string): Promise<string | undefined> {
  const { abortOnStderr, ...options } = c.send.options ?? {};
  const controller = new AbortController();
  const essay = Essay.fromJSON(ESSAY);
  try {
    const marker = new Marker(
      createCommandMarkup({
        cwd,
        ...options,
        env: { ...process.env, CATALOGUE_COMMANDS: String(process.pid) },
        command: c.send.command,
        logger: {
          debug: () => undefined,
          warn: () => undefined,
          info: (_fields, line) => {
            if (abortOnStderr !== undefined && line === abortOnStderr)
              controller.abort(new Error('the deadline is near'));
          },
        },
      }),
    );
    await marker.markup(essay, {
      fileId: '0000101',
      deadline: Date.now() + 60_000,
      signal: controller.signal,
    });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    assert.equal(essay.toString(), Essay.fromJSON(ESSAY).toString(), `${c.id}: the input essay was changed`);
  }
}

test('markup commands: each misbehaving command is refused with a precise message', async (t) => {
  const cwd = await mkdtemp(join(tmpdir(), 'readable-catalogue-commands-'));
  t.after(() => rm(cwd, { recursive: true, force: true }));
  assert.ok(cases.length >= 40, `${cases.length} cases`);
  assert.equal(new Set(cases.map((c) => c.id)).size, cases.length, 'case ids are unique');
  assert.equal(new Set(cases.map((c) => JSON.stringify(c.send))).size, cases.length, 'inputs are distinct');
  const failures: string[] = [];
  for (const c of cases) {
    const message = await run(c, cwd);
    if (message === undefined) {
      failures.push(`${c.id}: accepted, expected an error`);
      continue;
    }
    const missing = c.expect.filter((f) => !message.includes(f));
    if (missing.length > 0)
      failures.push(`${c.id}: ${JSON.stringify(message)} lacks ${JSON.stringify(missing)}`);
    if (message.length > 2000) failures.push(`${c.id}: a message of ${message.length} characters`);
  }
  assert.deepEqual(failures, []);
  // Aborted and crashed commands leave nothing behind (a background child of an aborted one included).
  assert.deepEqual(await leftovers(MARK), []);
});
