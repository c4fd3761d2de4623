import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import { createHttpMarkup, MarkupError } from '../../src/markup/index.js';
import { httpServer, marking } from './http-support.js';
import { contextFor, sampleEssay } from './support.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/tls/${name}`, import.meta.url));

/** A model server behind HTTPS with a self-signed certificate, as a team's own GPU box might have. */
async function selfSignedModelServer(t: TestContext): Promise<string> {
  const server = createServer({ key: fixture('key.pem'), cert: fixture('cert.pem') }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => marking(request, Buffer.concat(chunks).toString('utf8'), response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}/mark`;
}

test('HTTP markup verifies certificates by default: a self-signed model server is refused, naming the server', async (t) => {
  const url = await selfSignedModelServer(t);
  const markup = createHttpMarkup({ urls: [url], auth: 'Bearer tls-secret-9876' });
  t.after(() => markup.close?.());
  await assert.rejects(markup.markup(sampleEssay(), contextFor()), (error: unknown) => {
    assert.ok(error instanceof MarkupError, `expected a MarkupError, got ${String(error)}`);
    assert.match(error.message, /127\.0\.0\.1:\d+/);
    assert.match(error.message, /self[- ]signed certificate/i);
    assert.doesNotMatch(error.message, /tls-secret-9876/);
    return true;
  });
});

test('a refused certificate is not retried on the same server (it fails at once, not at the deadline), but another server is tried', async (t) => {
  const url = await selfSignedModelServer(t);
  const deadline = Date.now() + 10 * 60_000;
  const alone = createHttpMarkup({ urls: [url] });
  t.after(() => alone.close?.());
  const refused = await alone.markup(sampleEssay(), contextFor({ deadline })).then(
    () => undefined,
    (error: unknown) => error,
  );
  assert.ok(refused instanceof MarkupError, String(refused));
  assert.doesNotMatch(refused.message, /tried before/);
  const plain = await httpServer(t, marking);
  const two = createHttpMarkup({ urls: [url, plain.url] });
  t.after(() => two.close?.());
  for (let i = 0; i < 3; i++) {
    const output = await two.markup(sampleEssay(), contextFor({ deadline }));
    assert.equal(output?.selections.length, 1);
  }
});

test('HTTP markup with the explicit opt-out (insecure) marks through a self-signed model server', async (t) => {
  const url = await selfSignedModelServer(t);
  const markup = createHttpMarkup({ urls: [url], insecure: true });
  t.after(() => markup.close?.());
  const output = await markup.markup(sampleEssay(), contextFor());
  assert.equal(output?.selections.length, 1);
});
