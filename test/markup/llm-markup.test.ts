// The LLM markup against a real local HTTP server speaking the chat-completions wire format
// (no model can run here): structured and plain answers, prose, malformed JSON, invented quotes,
// unknown codes and a slow response.
import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import { Anchorer, createLlmMarkup, Marker, MarkupError } from '../../src/markup/index.js';
import { markupContract } from './contract.js';
import { completion, httpServer, llmServer } from './http-support.js';
import { contextFor, RecordingLogger, sampleEssay } from './support.js';

const GOOD = JSON.stringify({
  selections: [
    { quote: 'traditional lessons are still more useful', type: 'проблема', comment: 'the thesis' },
    { quote: 'Some  people believe', type: 'проблема', comment: 'whitespace differs' },
    { quote: 'This sentence is not in the essay at all', type: 'проблема', comment: 'invented' },
    { quote: 'schools will remain', type: 'X.made-up', comment: 'unknown code' },
  ],
});

async function failure(promise: Promise<unknown>): Promise<MarkupError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof MarkupError, `expected a MarkupError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the markup to fail');
}

describe('LLM markup', () => {
  it('asks with a JSON schema and the subject codes, anchors quotes and drops what it cannot use', async (t) => {
    const server = await llmServer(t, () => [200, completion(GOOD)]);
    const logger = new RecordingLogger();
    const markup = createLlmMarkup({ url: server.url, model: 'test-model', logger, apiKey: 'sk-secret-123' });
    t.after(() => markup.close?.());
    const input = sampleEssay();
    const output = await new Marker(markup).markup(input, contextFor());
    const spans = output?.selections.toJSON().map((s) => input.text.slice(s.startSelection, s.endSelection));
    assert.deepEqual(spans, ['traditional lessons are still more useful', 'Some people believe']);
    const body = server.bodies[0]!;
    assert.equal(body.model, 'test-model');
    assert.equal((body.response_format as { type: string }).type, 'json_schema');
    const messages = body.messages as { role: string; content: string }[];
    assert.match(messages[0]!.content, /проблема/);
    assert.equal(messages[1]!.content, input.text);
    const note = await logger.waitFor(/^LLM file 0000001/);
    assert.match(
      note,
      /kept 2 \(exact 1, normalised 1, fuzzy 0\); dropped 1 with unknown types \(X\.made-up\), 1 quotes not found/,
    );
  });

  it('asks again without response_format when the server does not support it, and reads JSON in prose', async (t) => {
    const server = await llmServer(t, (body) =>
      body.response_format
        ? [400, JSON.stringify({ error: { message: 'response_format json_schema is not supported' } })]
        : [200, completion(`Here you go:\n\`\`\`json\n${GOOD}\n\`\`\`\nHope it helps!`)],
    );
    const markup = createLlmMarkup({ url: `${server.url}/chat/completions`, model: 'm' });
    t.after(() => markup.close?.());
    const output = await markup.markup(sampleEssay(), contextFor());
    assert.equal(output?.selections.length, 2);
    await markup.markup(sampleEssay(), contextFor());
    assert.equal(server.bodies.length, 3, 'the second essay went without response_format at once');
  });

  for (const [what, status, body, pattern] of [
    [
      'prose',
      200,
      completion('I think this essay is quite good overall.'),
      /model m answered prose, not a JSON list/,
    ],
    ['a body that is not JSON', 200, '{"choices": [', /answered a body that is not JSON/],
    ['a 500', 500, '{"error":"overloaded"}', /answered 500 for file 0000001: \{"error":"overloaded"\}/],
  ] as const) {
    it(`fails the file precisely on ${what}, naming the server or model`, async (t) => {
      const server = await llmServer(t, () => [status, body]);
      const markup = createLlmMarkup({ url: server.url, model: 'm' });
      t.after(() => markup.close?.());
      const error = await failure(markup.markup(sampleEssay(), contextFor()));
      assert.match(error.message, pattern);
    });
  }

  it('cancels a response still streaming at the deadline', async (t) => {
    const server = await httpServer(t, (_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"choices": [');
      const timer = setInterval(() => response.write(' '), 20);
      response.on('close', () => clearInterval(timer));
    });
    const markup = createLlmMarkup({ url: server.url, model: 'm' });
    t.after(() => markup.close?.());
    const error = await failure(markup.markup(sampleEssay(), contextFor({ deadline: Date.now() + 300 })));
    assert.equal(error.kind, 'aborted');
    assert.match(error.message, /did not answer file 0000001 before the deadline; the request was cancelled/);
  });
});

describe('quote anchoring', () => {
  it('takes the n-th occurrence for the n-th repeat, and folds ё, quotes, dashes and whitespace', () => {
    const text = 'Всё — ясно. «Всё — ясно», сказал он. Всё — ясно.';
    const anchors = new Anchorer(text);
    const first = anchors.find('Всё — ясно')!;
    const second = anchors.find('Всё — ясно')!;
    assert.deepEqual([first.start, second.start], [0, 13]);
    const folded = new Anchorer(text).find('"Все - ясно"')!;
    assert.equal(text.slice(folded.start, folded.end), '«Всё — ясно»');
    assert.equal(folded.how, 'normalised');
  });

  it('finds a slightly misquoted fragment fuzzily, and nothing for an invented one', () => {
    const text = sampleEssay().text;
    const fuzzy = new Anchorer(text).find('traditional lesons are still more usefull')!;
    assert.equal(fuzzy.how, 'fuzzy');
    assert.equal(text.slice(fuzzy.start, fuzzy.end), 'traditional lessons are still more useful');
    assert.equal(new Anchorer(text).find('Completely different words here'), undefined);
  });
});

// The contract, against the same wire format: one server for the whole suite.
const closers: (() => unknown)[] = [];
const suite = { after: (fn: () => unknown) => closers.push(fn) } as unknown as TestContext;
let contractUrl = '';
before(async () => {
  const server = await httpServer(suite, (_request, _body, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(completion(GOOD));
  });
  contractUrl = server.url.replace('/mark', '/v1');
});
after(async () => {
  for (const close of closers) await close();
});
markupContract('llm: a chat-completions server', () => ({
  markup: createLlmMarkup({ url: contractUrl, model: 'test-model' }),
}));
