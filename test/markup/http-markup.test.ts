import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { createHttpMarkup, Marker, MarkupError, type HttpMarkupOptions } from '../../src/markup/index.js';
import { httpServer, markBody, marking, type Handler } from './http-support.js';
import { contextFor, RecordingLogger, sampleEssay } from './support.js';

async function failure(promise: Promise<unknown>): Promise<MarkupError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof MarkupError, `expected a MarkupError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the markup to fail');
}

function markupFor(t: TestContext, urls: string[], options: Partial<HttpMarkupOptions> = {}) {
  const logger = new RecordingLogger();
  const markup = createHttpMarkup({ urls, logger, ...options });
  t.after(() => markup.close?.());
  return { marker: new Marker(markup), markup, logger };
}

const status =
  (code: number, body = 'oops'): Handler =>
  (_request, _body, response) => {
    response.writeHead(code, { 'content-type': 'text/plain' });
    response.end(body);
  };

describe('HTTP markup', () => {
  it('POSTs the essay with the file id and deadline headers and reads the marked essay', async (t) => {
    const seen: Record<string, string | undefined> = {};
    const server = await httpServer(t, (request, body, response) => {
      seen.fileId = request.headers['x-readable-file-id'] as string;
      seen.deadline = request.headers['x-readable-deadline'] as string;
      seen.auth = request.headers.authorization;
      seen.method = request.method;
      marking(request, body, response);
    });
    const { marker } = markupFor(t, [server.url], { auth: 'Bearer s3cret-value' });
    const context = contextFor({ fileId: '0000042' });
    const output = await marker.markup(sampleEssay(), context);
    assert.equal(output?.selections.length, 1);
    assert.deepEqual(seen, {
      fileId: '0000042',
      deadline: String(context.deadline),
      auth: 'Bearer s3cret-value',
      method: 'POST',
    });
  });

  it('retries on another server after a 500 and after a refused connection', async (t) => {
    const broken = await httpServer(t, status(500, 'model crashed'));
    const good = await httpServer(t, marking);
    const closed = await httpServer(t, marking);
    await closed.close();
    const { marker, logger } = markupFor(t, [broken.url, closed.url, good.url]);
    // Least outstanding with nothing in flight picks in order: the broken one, the closed one, then the good one.
    const output = await marker.markup(sampleEssay(), contextFor());
    assert.equal(output?.selections.length, 1);
    const warnings = logger.lines.filter((l) => l.level === 'warn').map((l) => l.message);
    assert.ok(
      warnings.some((w) => w.includes(`${broken.url} answered 500: model crashed; retrying`)),
      warnings.join('\n'),
    );
    assert.ok(
      warnings.some((w) => w.includes(`${closed.url} connection failed`)),
      warnings.join('\n'),
    );
  });

  for (const [what, handler, pattern] of [
    ['garbage', status(200, '<html>not json</html>'), /answered 200 with a body that is not an essay/],
    ['a redirect', status(302, ''), /answered a redirect \(302\), which is not followed/],
    ['a 400', status(400, 'bad request: no essay'), /answered 400: bad request: no essay for file 0000001$/],
    [
      'another essay text',
      ((_request, body, response) => {
        response.end(markBody(body.replace('Some people', 'Other people')));
      }) as Handler,
      /returned a different essay text for file 0000001/,
    ],
  ] as const) {
    it(`fails the file precisely on ${what}, naming the server, and marks the next file`, async (t) => {
      let calls = 0;
      const server = await httpServer(t, (request, body, response) => {
        calls += 1;
        if (calls === 1) handler(request, body, response);
        else marking(request, body, response);
      });
      const { marker } = markupFor(t, [server.url]);
      const error = await failure(marker.markup(sampleEssay(), contextFor()));
      assert.equal(error.kind, 'invalid');
      assert.ok(error.message.startsWith(server.url), error.message);
      assert.match(error.message, pattern);
      assert.equal((await marker.markup(sampleEssay(), contextFor()))?.selections.length, 1);
    });
  }

  it('gives up on a response that trickles past the deadline', async (t) => {
    const server = await httpServer(t, (_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{');
      const timer = setInterval(() => response.write(' '), 20);
      response.on('close', () => clearInterval(timer));
    });
    const { marker } = markupFor(t, [server.url]);
    const error = await failure(marker.markup(sampleEssay(), contextFor({ deadline: Date.now() + 300 })));
    assert.equal(error.kind, 'aborted');
    assert.match(
      error.message,
      /the response \(status 200\) was still arriving at the deadline for file 0000001$/,
    );
  });

  it('never shows the auth header a server echoes back', async (t) => {
    const server = await httpServer(t, (request, _body, response) => {
      response.writeHead(401);
      response.end(`refused ${String(request.headers.authorization)}`);
    });
    const { marker } = markupFor(t, [server.url], { auth: 'Bearer s3cret-value' });
    const error = await failure(marker.markup(sampleEssay(), contextFor()));
    assert.match(error.message, /answered 401: refused \*\*\*\*/);
    assert.ok(!error.message.includes('s3cret'), error.message);
  });

  it('takes a failing server out and probes it back in once it answers', async (t) => {
    let healthy = false;
    const flaky = await httpServer(t, (request, body, response) =>
      healthy ? marking(request, body, response) : status(503, 'warming up')(request, body, response),
    );
    const good = await httpServer(t, marking);
    const { marker, logger } = markupFor(t, [flaky.url, good.url], { failuresToEject: 2, ejectMs: 50 });
    for (let i = 0; i < 4; i++) assert.ok(await marker.markup(sampleEssay(), contextFor()));
    await logger.waitFor(/taken out for 0\.05 s after failing: answered 503: warming up/);
    healthy = true;
    // Sequential requests go to the first server whenever it is in; once its pause is over, a probe is sent.
    while (!logger.lines.some((l) => /answered again and is back in/.test(l.message))) {
      await marker.markup(sampleEssay(), contextFor());
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(good.hits >= 4, true);
  });

  it('spreads concurrent essays over the servers by least outstanding requests, within the per-server limit', async (t) => {
    const slow: Handler = (request, body, response) =>
      setTimeout(() => marking(request, body, response), 100);
    const a = await httpServer(t, slow);
    const b = await httpServer(t, slow);
    const { marker } = markupFor(t, [a.url, b.url], { perServer: 2 });
    const outputs = await Promise.all(
      ['1', '2', '3', '4', '5', '6'].map((id) => marker.markup(sampleEssay(id), contextFor({ fileId: id }))),
    );
    assert.equal(outputs.length, 6);
    assert.equal(a.hits, 3);
    assert.equal(b.hits, 3);
  });

  it('rejects a URL that is not http(s)', () => {
    assert.throws(() => createHttpMarkup({ urls: ['ftp://x'] }), /must be http:\/\/ or https:\/\//);
  });
});
