import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFileAtomic } from '../../src/fs/index.js';
import { PlatformEvent, startPlatform } from '../../src/platform/index.js';
import { Marker } from '../../src/markup/index.js';
import {
  DURABILITIES,
  FileOutgoingStore,
  JournalOutgoingStore,
  Session,
  SessionStore,
  createConnector,
} from '../../src/session/index.js';
import type { OutgoingStore } from '../../src/session/index.js';
import { TOKEN } from './support/env.js';
import { inline } from './support/markups.js';
import { writeDataset } from './support/dataset.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const FILES = 300;
const TEMP = /\.tmp$/;

type StoreKind = 'journal' | 'file';

/** The outgoing store of a session dir, as the child builds it. */
function outgoingStore(kind: StoreKind, sessionDir: string): OutgoingStore {
  return kind === 'journal'
    ? new JournalOutgoingStore(join(sessionDir, 'outgoing.jsonl'))
    : new FileOutgoingStore(join(sessionDir, 'outgoing'));
}

/** The client under test: a plain session with an instant markup, printing each saved input and each send. */
function childSource(host: string, filesDir: string, kind: StoreKind): string {
  const src = (path: string) => JSON.stringify(pathToFileURL(join(ROOT, 'src', path)).href);
  return `
import { join } from 'node:path';
import { Marker } from ${src('markup/index.ts')};
import { FileOutgoingStore, JournalOutgoingStore, Session, createConnector } from ${src('session/index.ts')};
const connector = createConnector('socket.io-v2', { host: ${JSON.stringify(host)}, token: ${JSON.stringify(TOKEN)} });
const session = new Session({
  connector,
  marker: new Marker({ name: 'instant', markup: async (essay) => essay }),
  filesDir: ${JSON.stringify(filesDir)},
  concurrency: 8,
  outgoingStore: (dir) =>
    ${kind === 'journal' ? "new JournalOutgoingStore(join(dir, 'outgoing.jsonl'))" : "new FileOutgoingStore(join(dir, 'outgoing'))"},
});
// Written synchronously (a pipe on Linux), so every line written before the kill reaches the test.
session.on('file-saved', ({ fileId }) => process.stdout.write('saved ' + fileId + '\\n'));
// An answer goes on the wire once its input is saved; its outgoing entry is written beside the send.
session.on('file-sent', ({ fileId }) => process.stdout.write('sent ' + fileId + '\\n'));
await session.start({ count: ${FILES}, time: 60, dataset: 'train', lang: 'rus' });
await session.done;
`;
}

async function listAll(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

for (const kind of ['journal', 'file'] as const)
  test(`a session killed with SIGKILL mid-burst keeps every input it acted on, whole, and every sent answer not acknowledged is pending or has its input (${kind} outgoing store); temp files are swept`, async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'readable-durability-'));
    const datasetDir = join(dir, 'dataset');
    const ids = await writeDataset(datasetDir, { count: FILES, textLength: 3000 });
    const platform = await startPlatform({
      dataDir: join(dir, 'platform'),
      datasetDir,
      tokens: [TOKEN],
      pushIntervalSec: 0,
      timeoutCloseSec: 1000,
    });
    t.after(async () => {
      await platform.close();
      await rm(dir, { recursive: true, force: true });
    });
    const filesDir = join(dir, 'files');
    const childPath = join(dir, 'client.mts');
    await writeFile(childPath, childSource(`http://127.0.0.1:${platform.port}`, filesDir, kind));

    let pushed = 0;
    let answered = 0;
    platform.on(PlatformEvent.filePushed, () => (pushed += 1));
    const child = spawn(process.execPath, ['--import', TSX, childPath], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let saved = 0;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((res) =>
      child.on('exit', (_code, signal) => res(signal)),
    );
    // Mid-burst: a third of the inputs saved and a few answers in, the rest still being worked on.
    await new Promise<void>((res, rej) => {
      const maybeKill = () => {
        if (saved < FILES / 3 || answered < 5 || child.killed) return;
        child.kill('SIGKILL');
        res();
      };
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        saved = stdout.split('\n').filter((l) => l.startsWith('saved ')).length;
        maybeKill();
      });
      platform.on(PlatformEvent.fileAnswered, () => {
        answered += 1;
        maybeKill();
      });
      child.on('exit', () => rej(new Error(`the client exited before the kill:\n${stdout}\n${stderr}`)));
    });
    assert.equal(await exited, 'SIGKILL');
    assert.equal(pushed, FILES, 'the platform pushed the whole burst at once');

    const session = platform.sessions()[0]!;
    const report = await platform.report(session.sessionId);
    assert.ok(report);
    const answeredIds = report.files.filter((f) => f.answers > 0).map((f) => f.fileId);
    const sessionDir = join(filesDir, 'sessions', String(session.sessionId));
    const inputNames = await listAll(join(sessionDir, 'input'));
    const inputs = new Set(inputNames.filter((n) => !TEMP.test(n)).map((n) => n.replace(/\.json$/, '')));
    const printed = (prefix: string) =>
      stdout
        .split('\n')
        .filter((l) => l.startsWith(prefix))
        .map((l) => l.slice(prefix.length));
    const savedIds = printed('saved ');
    const sentIds = printed('sent ');

    assert.ok(answeredIds.length >= 5, `answers stored by the platform: ${answeredIds.length}`);
    assert.ok(answeredIds.length < FILES, 'killed before the session was over');
    assert.ok(savedIds.length >= FILES / 3);
    for (const id of answeredIds)
      assert.ok(inputs.has(id), `file ${id} was answered but its input is missing`);
    for (const id of savedIds)
      assert.ok(inputs.has(id), `file ${id} was reported saved but its input is missing`);
    const outputs = (await listAll(join(sessionDir, 'output'))).filter((n) => !TEMP.test(n));
    for (const name of outputs) assert.ok(inputs.has(name.replace(/\.json$/, '')), `${name} has no input`);
    // What a restart finds waiting: every answer sent (so stored) and not acknowledged, whole.
    const pending = await outgoingStore(kind, sessionDir).list();
    const pendingIds = new Set(pending.map((e) => e.fileId));
    for (const entry of pending) {
      assert.ok(inputs.has(entry.fileId), `outgoing entry ${entry.fileId} has no input`);
      assert.deepEqual(
        JSON.parse(entry.content),
        JSON.parse(await readFile(join(datasetDir, 'train', `${entry.fileId}.json`), 'utf8')),
      );
    }
    const acked = new Set(answeredIds);
    // The outgoing entry is written beside the send (not before it, at the default durability): a
    // sent answer the kill caught before its entry was written and before the platform stored it
    // is neither pending nor acknowledged, and its input on disk is what a restart marks and sends again.
    for (const id of sentIds)
      assert.ok(
        pendingIds.has(id) || acked.has(id) || inputs.has(id),
        `answer ${id} was sent, but is neither pending nor acknowledged, and its input is missing`,
      );
    const retaken = sentIds.filter((id) => !pendingIds.has(id) && !acked.has(id)).length;
    // Every input on disk is whole: exactly what the platform pushed.
    for (const id of inputs) {
      assert.ok(ids.includes(id));
      const text = await readFile(join(sessionDir, 'input', `${id}.json`), 'utf8');
      const pushedText = await readFile(join(datasetDir, 'train', `${id}.json`), 'utf8');
      assert.deepEqual(JSON.parse(text), JSON.parse(pushedText), `input ${id} is not what was pushed`);
    }

    // Writes cut by the kill may leave temp files; the next process that takes the session up sweeps them.
    const swept = await new SessionStore(filesDir).removeStaleTemporaryFiles(session.sessionId);
    t.diagnostic(
      `pushed ${pushed}, inputs on disk ${inputs.size}, reported saved ${savedIds.length}, ` +
        `sent ${sentIds.length}, answered ${answeredIds.length}, pending after the kill ${pending.length}, ` +
        `sent answers a restart marks again ${retaken}, temp files swept ${swept}`,
    );
    for (const sub of ['', 'input', 'output', 'outgoing']) {
      const left = (await listAll(join(sessionDir, sub))).filter((n) => TEMP.test(n));
      assert.deepEqual(left, [], `temp files left in ${sub || 'the session dir'}`);
    }
  });

test('the temp sweep removes what dead writers left and keeps the files of a live process', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'readable-durability-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const store = new SessionStore(dir);
  await store.saveInput(7, '1001', '{"a":1}');
  const input = join(store.sessionDir(7), 'input');
  // A pid far above pid_max: no such process.
  const dead = '.1002.json.99999999-0a1b2c3d.4.tmp';
  const deadOldStyle = '.1003.json.99999999.0a1b2c3d4e5f.tmp';
  const live = `.1004.json.${process.pid}-0a1b2c3d.5.tmp`;
  for (const name of [dead, deadOldStyle, live]) await writeFile(join(input, name), '{"tor');
  assert.equal(await store.removeStaleTemporaryFiles(7), 2);
  assert.deepEqual((await readdir(input)).sort(), [live, '1001.json'].sort());
});

test('every durability level writes whole files; the level reaches the session store', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'readable-durability-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  assert.equal(new SessionStore(dir).durability, 'fsync-input');
  assert.throws(
    () => new SessionStore(dir, { durability: 'none' as 'fsync-all' }),
    /`durability` must be one of atomic, fsync-input, fsync-all/,
  );
  for (const durability of DURABILITIES) {
    const store = new SessionStore(join(dir, durability), { durability });
    await store.saveInput(1, '1001', '{"in":1}');
    await store.saveOutput(1, '1001', '{"out":1}');
    assert.equal(await readFile(store.inputPath(1, '1001'), 'utf8'), '{"in":1}');
    assert.equal(await readFile(store.outputPath(1, '1001'), 'utf8'), '{"out":1}');
    assert.deepEqual(await readdir(join(store.sessionDir(1), 'input')), ['1001.json']);
    const connector = createConnector('socket.io-v2', { host: 'http://127.0.0.1:9', token: TOKEN });
    const session = new Session({ connector, marker: new Marker(inline()), filesDir: dir, durability });
    assert.equal(session.store.durability, durability);
  }
});

test('writeFileAtomic without fsync is still atomic and leaves no temp file; concurrent flushed writes all land', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'readable-durability-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'a', 'b', 'x.json');
  await writeFileAtomic(path, 'one', { fsync: false });
  await writeFileAtomic(path, 'two', { fsync: false });
  assert.equal(await readFile(path, 'utf8'), 'two');
  assert.deepEqual(await readdir(join(dir, 'a', 'b')), ['x.json']);
  // Many flushed writes at once share directory flushes (group commit); each must still resolve.
  await Promise.all(
    Array.from({ length: 50 }, (_, i) => writeFileAtomic(join(dir, 'many', `${i}.json`), String(i))),
  );
  assert.equal((await readdir(join(dir, 'many'))).length, 50);
  assert.equal(await readFile(join(dir, 'many', '49.json'), 'utf8'), '49');
});

test('an empty outgoing entry (a power loss after an unflushed put) reads as missing, not as an error', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'readable-durability-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, '1001.json'), '');
  const store = new FileOutgoingStore(dir);
  assert.equal(await store.get('1001'), undefined);
  assert.deepEqual(await store.list(), []);
});
