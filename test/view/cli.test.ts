// `readable view` as a user starts it: prints its loopback URL, serves, stops cleanly on SIGTERM.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { tempDir } from './support/view.js';
import { BIN, assertBuilt } from '../support/cli.js';

// The built CLI (scripts/run-tests.mjs builds dist): its child starts in a fraction of tsx's time.
assertBuilt();

function view(args: string[], cwd: string) {
  const child = spawn(process.execPath, [BIN, 'view', ...args], {
    cwd,
    env: { ...process.env, TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  const url = new Promise<string>((res, rej) => {
    child.stdout.on('data', () => {
      const m = /readable view: (http:\/\/\S+)/.exec(out);
      if (m) res(m[1]!);
    });
    void exited.then(() => rej(new Error(`exited before printing its URL:\n${out}`)));
  });
  url.catch(() => undefined); // Awaited only by the tests that expect a URL.
  return { child, url, exited, output: () => out };
}

test('`readable view` prints a 127.0.0.1 URL, serves the folder and the shipped demo, and stops on SIGTERM', async (t) => {
  const cwd = await tempDir(t);
  const v = view([], cwd);
  t.after(() => v.child.kill('SIGKILL'));
  const url = await v.url;
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  const home = await fetch(url);
  assert.equal(home.status, 200);
  assert.match(
    await home.text(),
    /Datasets \(1\)[\s\S]*data\/demo/,
    'the demo dataset is there to compare with',
  );
  v.child.kill('SIGTERM');
  assert.equal(await v.exited, 0, v.output());
});

test('`readable view` refuses a missing folder and a bad port with a clear message', async (t) => {
  const cwd = await tempDir(t);
  const missing = view(['no-such-dir'], cwd);
  t.after(() => missing.child.kill('SIGKILL'));
  assert.equal(await missing.exited, 1);
  assert.match(missing.output(), /cannot serve no-such-dir: no such directory/);
  const port = view(['--port', 'x'], cwd);
  t.after(() => port.child.kill('SIGKILL'));
  assert.equal(await port.exited, 2);
  assert.match(
    port.output(),
    /option '--port <port>' argument 'x' is invalid\. Expected an integer from 0 to 65535\./,
  );
});
