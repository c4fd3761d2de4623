// The view's HTTP surface without a browser: what it refuses to serve, and that it escapes and masks.
import assert from 'node:assert/strict';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import { DEMO, startView, tempDir } from './support/view.js';

/** A raw GET: the path goes out exactly as written (fetch would normalise `..` away). */
function get(url: string, path: string, headers: Record<string, string> = {}, method = 'GET') {
  const { hostname, port } = new URL(url);
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>(
    (resolve, reject) => {
      const req = request({ host: hostname, port, path, method, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

async function fixture(t: TestContext) {
  const outside = await tempDir(t, 'readable-view-outside-');
  const root = await tempDir(t);
  const secret = join(outside, 'secret.json');
  const essay = JSON.parse(await readFile(join(DEMO, 'train', '1000001_exp1.json'), 'utf8')) as {
    text: string;
    selections: Array<Record<string, unknown>>;
  };
  await writeFile(secret, JSON.stringify({ ...essay, text: 'OUTSIDE-SECRET' }));
  await mkdir(join(root, 'essays'));
  await writeFile(join(root, 'essays', 'ok.json'), JSON.stringify(essay));
  await symlink(secret, join(root, 'essays', 'escape.json'));
  await symlink(outside, join(root, 'out-dir'));
  await symlink(join(root, 'essays', 'ok.json'), join(root, 'inside-link.json'));
  await writeFile(join(root, '.env'), 'TOKEN=abcdef123456\n');
  return { root, outside, secret };
}

test('the view serves files under its roots only: no traversal, no symlink escape, no secrets files', async (t) => {
  const { root, outside } = await fixture(t);
  const url = await startView(t, [root]);
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/, 'bound to loopback by default');

  const ok = await get(url, '/essay?f=essays/ok.json');
  assert.equal(ok.status, 200, ok.body);
  assert.match(ok.body, /Какую роль играет чтение/);
  assert.equal(
    (await get(url, '/essay?f=inside-link.json')).status,
    200,
    'a symlink that stays inside is fine',
  );

  const refused = [
    '/essay?f=../' + encodeURIComponent(outside.split('/').pop()! + '/secret.json'),
    '/essay?f=' + encodeURIComponent(join(outside, 'secret.json')),
    '/essay?f=essays/..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd',
    '/essay?f=%2Fetc%2Fpasswd',
    '/essay?f=essays/escape.json',
    '/essay?f=out-dir/secret.json',
    '/essay?f=.env',
    '/essay?f=essays%2Fok.json%00',
    '/session?d=out-dir',
    '/api/session?d=..',
    '/dataset?d=%2F',
  ];
  for (const path of refused) {
    const r = await get(url, path);
    assert.equal(r.status, 404, `${path}: ${r.status}`);
    assert.doesNotMatch(r.body, /OUTSIDE-SECRET|root:x:0|abcdef123456/, path);
  }
  // Static routes take no path at all: nothing else on disk is reachable.
  assert.equal((await get(url, '/assets/../../etc/passwd')).status, 404);
  assert.equal((await get(url, '/essay?f=essays/ok.json', {}, 'POST')).status, 405);
});

test('a request naming another host is refused (DNS rebinding), and security headers are set', async (t) => {
  const { root } = await fixture(t);
  const url = await startView(t, [root]);
  const evil = await get(url, '/essay?f=essays/ok.json', { host: 'evil.example:80' });
  assert.equal(evil.status, 403);
  const ok = await get(url, '/');
  assert.match(String(ok.headers['content-security-policy']), /script-src 'self'/);
  assert.equal(ok.headers['x-content-type-options'], 'nosniff');
});

test('essay text and comments are escaped, and a configured token is masked on every page', async (t) => {
  const root = await tempDir(t);
  const text =
    'Начало <script>alert(1)</script> & "кавычки" \r\nконец </textarea><img src=x onerror=alert(2)>';
  const token = 'tok-9f8e7d6c5b4a';
  await writeFile(
    join(root, 'hostile.json'),
    JSON.stringify({
      meta: { id: '1', subject: 'rus', theme: `<b>тема</b> ${token}` },
      text,
      selections: [
        {
          id: 1,
          startSelection: 7,
          endSelection: 32,
          type: '<i>type</i>',
          comment: `</script><script>alert(3)</script> ${token}`,
        },
      ],
    }),
  );
  const url = await startView(t, [root], { secrets: [token] });
  const r = await get(url, '/essay?f=hostile.json');
  assert.equal(r.status, 200, r.body);
  assert.ok(!r.body.includes('<script>alert'), 'no live script tag from the essay');
  assert.ok(!r.body.includes('<img src=x'), 'no live tag from the essay');
  assert.ok(r.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(r.body.includes('&#13;'), 'a CR survives as a character reference (offsets hold)');
  assert.ok(!r.body.includes(token), 'the token never reaches a page');
  assert.ok(r.body.includes('***'));
});
