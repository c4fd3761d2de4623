import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ClientEvent, ServerEvent } from '../../src/protocol/index.js';
import { Dataset, defaultDatasetDir } from '../../src/platform/index.js';
import type { SessionReport } from '../../src/platform/index.js';
import { BIN, ROOT, assertBuilt, cleanEnv } from '../support/cli.js';
import { WAIT_MS, connectClient, connected, ids, markedAnswer, writeDataset } from './helpers.js';

/** The shipped demo dataset when it can serve 10 train essays, else a temp one passed with --data. */
async function datasetArgs(root: string): Promise<string[]> {
  if (existsSync(join(defaultDatasetDir(), 'index.json'))) {
    const shipped = await Dataset.load(defaultDatasetDir()).catch(() => undefined);
    if (shipped !== undefined && shipped.select('train', 'all').length >= 10) return [];
  }
  const dir = join(root, 'dataset');
  await writeDataset(
    dir,
    ids(10).map((id) => ({ id })),
  );
  return ['--data', dir];
}

interface Served {
  child: ChildProcessWithoutNullStreams;
  url: string;
  store: string;
  stdout: string[];
  exited: Promise<number | null>;
  root: string;
  /** The next stdout line matching `pattern`. */
  line(pattern: RegExp): Promise<RegExpExecArray>;
  /** Kills the server if it still runs and removes its temp dir. */
  cleanup(): Promise<void>;
}

async function serve(extra: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const root = await mkdtemp(join(tmpdir(), 'readable-serve-'));
  const store = join(root, 'store');
  const args = [BIN, 'platform', 'serve', '--port', '0', '--store', store];
  assertBuilt();
  const child = spawn(process.execPath, [...args, ...(await datasetArgs(root)), ...extra], {
    cwd: ROOT,
    env: { ...cleanEnv(), ...env },
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const stdout: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const waiters: { pattern: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  createInterface({ input: child.stdout }).on('line', (text) => {
    stdout.push(text);
    for (const w of [...waiters]) {
      const m = w.pattern.exec(text);
      if (m === null) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(m);
    }
  });
  const line = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const seen = stdout.map((l) => pattern.exec(l)).find((m) => m !== null);
      if (seen) return resolve(seen);
      const timer = setTimeout(
        () =>
          reject(new Error(`no stdout line ${pattern}; stdout:\n${stdout.join('\n')}\nstderr:\n${stderr}`)),
        WAIT_MS * 2,
      );
      waiters.push({
        pattern,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  const cleanup = async () => {
    if (exitCode === undefined) {
      child.kill('SIGKILL');
      await exited;
    }
    await rm(root, { recursive: true, force: true });
  };
  try {
    const url = (await line(/^Local platform on (\S+), tokens: (?:local|\d+ accepted)$/))[1] ?? '';
    return { child, url, store, stdout, exited, root, line, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

test('platform serve runs a whole 10-file session for a plain v2 client and reports which files were on time', async (t) => {
  const s = await serve(['--time-scale', '0.06', '--timeout-close', '10']);
  t.after(() => s.cleanup());
  assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+\/pku$/);
  const client = await connected(s.url, 'local');
  t.after(() => client.close());
  client.emit(ClientEvent.start, {
    type: 'algorithmic',
    params: { dsType: 'train', countFiles: 10, lang: 'all', time: 10 },
  });
  const { sessionId } = await client.next(ServerEvent.startSuccess);
  const held: { fileId: string; content: unknown }[] = [];
  const fileIds: string[] = [];
  for (let i = 0; i < 10; i++) {
    const file = await client.next(ServerEvent.fileAvailable);
    fileIds.push(file.fileId);
    // File 3 is answered only after file 5 arrives (late); file 7 is never answered (missing).
    if (i === 2) held.push(file);
    else if (i !== 6)
      client.emit(ClientEvent.fileSend, {
        sessionId,
        fileId: file.fileId,
        content: markedAnswer(file.content),
      });
    if (i === 4) {
      const late = held.pop();
      assert.ok(late);
      client.emit(ClientEvent.fileSend, {
        sessionId,
        fileId: late.fileId,
        content: markedAnswer(late.content),
      });
    }
  }
  assert.deepEqual(await client.next(ServerEvent.close), { sessionId, type: 'timeout-close' });
  const reportPath = join(s.store, 'reports', `${sessionId}.json`);
  const [summary] = await s.line(/^Session \d+ ended.*$/);
  // 9 answered files are scored against the dataset's experts (criteria + PSR).
  const head = `Session ${sessionId} ended (timeout-close): 8 on time, 1 late, 0 invalid, 1 missing of 10 pushed`;
  assert.ok(summary?.startsWith(`${head}; mean MTotal `), summary);
  assert.ok(summary?.endsWith(` over 9 scored; report ${reportPath}`), summary);

  const report = JSON.parse(await readFile(reportPath, 'utf8')) as SessionReport;
  assert.deepEqual(
    report.files.map((f) => [f.fileId, f.status]),
    fileIds.map((id, i) => [id, i === 2 ? 'late' : i === 6 ? 'missing' : 'on-time']),
  );
  for (const f of report.files) {
    const score = f.score as { criteriaMax?: number; matching?: unknown[] } | undefined;
    if (f.status === 'missing') assert.equal(score, undefined);
    else assert.ok(score?.criteriaMax && (score.matching?.length ?? 0) >= 2, JSON.stringify(f));
  }
  assert.equal((report.score as { scored: number }).scored, 9);
  assert.deepEqual(report.totals, {
    planned: 10,
    pushed: 10,
    onTime: 8,
    late: 1,
    missing: 1,
    invalid: 0,
    pending: 0,
  });

  s.child.kill('SIGINT');
  assert.equal(await s.exited, 0);
  assert.equal(s.stdout.at(-1), `Local platform stopped after 1 session(s); reports in ${s.store}/reports`);
});

test('Ctrl+C aborts the open session, tells the client and writes its report', async (t) => {
  const s = await serve();
  t.after(() => s.cleanup());
  const client = await connected(s.url, 'local');
  t.after(() => client.close());
  client.emit(ClientEvent.start, { type: 'technical' });
  const { sessionId } = await client.next(ServerEvent.startSuccess);
  await client.next(ServerEvent.fileAvailable);
  s.child.kill('SIGINT');
  assert.deepEqual(await client.next(ServerEvent.abort), {
    sessionId,
    message: 'the platform is shutting down',
  });
  assert.equal(await s.exited, 0);
  const report = JSON.parse(
    await readFile(join(s.store, 'reports', `${sessionId}.json`), 'utf8'),
  ) as SessionReport;
  assert.deepEqual(report.end, { type: 'server-abort', message: 'the platform is shutting down' });
});

test('platform serve takes tokens from READABLE_PLATFORM_TOKENS and --token-file, and says so in --help', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'readable-tokens-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'tokens.txt');
  await writeFile(file, '# ours\nfile-token\n');
  const s = await serve(['--token-file', file], { READABLE_PLATFORM_TOKENS: 'env-a, env-b' });
  t.after(() => s.cleanup());
  assert.ok(
    s.stdout.some((l) => l.endsWith('tokens: 3 accepted')),
    s.stdout.join('\n'),
  );
  for (const token of ['env-b', 'file-token']) {
    const client = await connected(s.url, token);
    client.emit(ClientEvent.logsSend, { logs: [{ msg: token }] });
    await client.next(ServerEvent.logsSendSuccess);
    client.close();
  }
  const refused = connectClient(s.url, 'local');
  t.after(() => refused.close());
  assert.deepEqual(await refused.next(ServerEvent.connectionAuthError), {
    message: 'token not accepted by this platform',
  });
  const help = await new Promise<string>((resolve) => {
    const child = spawn(process.execPath, [BIN, 'platform', 'serve', '--help'], {
      cwd: ROOT,
      env: cleanEnv(),
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', () => resolve(out));
  });
  assert.match(help, /--token-file <file>/);
  assert.match(help, /READABLE_PLATFORM_TOKENS/);
  assert.match(help, /`ps`/);
});
