// An end-to-end session against the real local platform with the LLM markup, pointed at a real
// local server speaking the chat-completions wire format that quotes the essay it is sent.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createLlmMarkup } from '../../src/markup/index.js';
import { makeSession, setup, START } from '../session/support/env.js';
import { completion, llmServer } from './http-support.js';
import { RecordingLogger } from './support.js';

const QUOTES = ['поднятая автором', 'актуальна и сегодня'];
const INVENTED = 'Этой фразы в сочинении нет вовсе';

interface Stored {
  text: string;
  selections: { startSelection: number; endSelection: number; type: string }[];
}

describe('a session with the LLM markup', () => {
  it('answers every file with selections at the quoted offsets, dropping an invented quote and an unknown code', async (t) => {
    const server = await llmServer(t, (body) => {
      const messages = body.messages as { content: string }[];
      const text = messages.at(-1)!.content;
      // Quotes copied out of the essay it was sent, as a model would.
      const selections = QUOTES.map((quote) => ({
        quote: text.slice(text.indexOf(quote)).slice(0, quote.length),
        type: 'проблема',
      }));
      if (server.bodies.length === 1)
        selections.push({ quote: INVENTED, type: 'проблема' }, { quote: QUOTES[0]!, type: 'X.made-up' });
      return [200, completion(JSON.stringify({ selections }))];
    });
    const logger = new RecordingLogger();
    const markup = createLlmMarkup({ url: server.url, model: 'test-model', logger });
    t.after(() => markup.close?.());
    const env = await setup(t, { count: 4 });
    const answered = new Map<string, number>();
    env.platform.on('file-answered', ({ fileId, sessionId }) => answered.set(fileId, sessionId));
    const session = makeSession(env, markup, { onMarkupFailure: 'send-unmarked' });
    // 60 s per file × 0.01 = 600 ms per file: on time on a loaded machine.
    await session.start({ ...START, time: 60 });
    const summary = await session.done;

    assert.deepEqual(summary.accepted.sort(), env.ids);
    assert.deepEqual(summary.unmarked, []);
    assert.equal(server.bodies.length, env.ids.length);
    const note = logger.lines.map((l) => l.message).find((m) => /dropped 1 with unknown types/.test(m));
    assert.match(
      note ?? '',
      /^LLM file (\d+): kept 2 \(exact 2, normalised 0, fuzzy 0\); dropped 1 with unknown types \(X\.made-up\), 1 quotes not found/,
    );
    const degraded = /^LLM file (\d+)/.exec(note!)![1]!;
    assert.ok(env.ids.includes(degraded));

    for (const id of env.ids) {
      const path = join(env.dir, 'platform', 'answers', String(answered.get(id)), `${id}.json`);
      const stored = JSON.parse(await readFile(path, 'utf8')) as Stored;
      const expected = QUOTES.map((quote) => {
        const start = stored.text.indexOf(quote);
        return { start, end: start + quote.length, type: 'проблема' };
      });
      const actual = stored.selections.map((s) => ({
        start: s.startSelection,
        end: s.endSelection,
        type: s.type,
      }));
      assert.deepEqual(
        actual,
        expected,
        `file ${id}${id === degraded ? ' (the one with the invented quote)' : ''}`,
      );
    }
  });
});
