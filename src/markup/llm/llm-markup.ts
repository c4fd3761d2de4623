import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import type { Essay } from '../../essay/index.js';
import { canonicalCode, isSubject, lookupCode } from '../../scoring/catalogue/index.js';
import { MarkupError } from '../errors.js';
import type { Markup, MarkupContext, MarkupLogger } from '../types.js';
import { Anchorer } from './anchor.js';
import { parseProposals, ParseError } from './parse.js';
import { buildMessages, DEFAULT_TEMPLATE, RESPONSE_SCHEMA } from './prompt.js';

export interface LlmMarkupOptions {
  /** An OpenAI-compatible endpoint: the base (`http://127.0.0.1:8000/v1`) or the full `/chat/completions` URL. */
  url: string;
  model: string;
  /** Sent as `Authorization: Bearer …` (`LLM_API_KEY`); never logged. */
  apiKey?: string;
  /** A prompt template file replacing the default (see `DEFAULT_TEMPLATE`). */
  promptFile?: string;
  /** Skip TLS certificate checks: only on the user's explicit opt-out. */
  insecure?: boolean;
  logger?: MarkupLogger;
  /** @default 0 */
  temperature?: number;
  /** Proposals read per answer at most. @default 500 */
  maxProposals?: number;
}

const MiB = 1024 * 1024;

/**
`--markup-llm URL --llm-model NAME`: asks a chat-completions model for quotes and codes, anchors each
quote in the text and keeps what is anchored and known to the catalogue; the rest is dropped and
counted in the log. The contract is docs/markup-llm.md.
*/
export function createLlmMarkup(options: LlmMarkupOptions): Markup {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new MarkupError(`--markup-llm ${JSON.stringify(options.url)} is not a URL`, 'config', {
      markup: 'llm',
    });
  }
  if (!/\/chat\/completions\/?$/.test(url.pathname))
    url.pathname = `${url.pathname.replace(/\/$/, '')}/chat/completions`;
  if (options.model.trim() === '')
    throw new MarkupError('LLM markup needs a model name (--llm-model or LLM_MODEL)', 'config', {
      markup: 'llm',
    });
  let template = DEFAULT_TEMPLATE;
  if (options.promptFile !== undefined) {
    try {
      template = readFileSync(options.promptFile, 'utf8');
    } catch (error) {
      throw new MarkupError(
        `prompt template ${options.promptFile} cannot be read: ${(error as Error).message}`,
        'config',
        { markup: 'llm' },
      );
    }
  }
  const name = `llm:${options.model}@${url.origin}`;
  const hide = (text: string) => (options.apiKey ? text.split(options.apiKey).join('****') : text);
  // TLS is verified unless the user opted out (--insecure / TLS_INSECURE).
  const dispatcher = new Agent({ connect: { rejectUnauthorized: options.insecure !== true } });
  let schemaSupported = true;
  let closing: Promise<void> | undefined;

  const ask = async (body: object, context: MarkupContext, signal: AbortSignal) => {
    const response = await request(url, {
      method: 'POST',
      signal,
      dispatcher,
      headers: {
        'content-type': 'application/json',
        ...(options.apiKey !== undefined && { authorization: `Bearer ${options.apiKey}` }),
      },
      body: JSON.stringify(body),
    });
    let text = '';
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > 20 * MiB)
        throw new MarkupError(
          `${url.origin} answered more than 20 MB for file ${context.fileId}`,
          'invalid',
          { markup: name, fileId: context.fileId },
        );
      text += (chunk as Buffer).toString('utf8');
    }
    return { status: response.statusCode, text };
  };

  return {
    name,
    async markup(essay: Essay, context: MarkupContext) {
      context.signal.throwIfAborted();
      const where = { markup: name, fileId: context.fileId };
      const fail = (message: string, kind: MarkupError['kind']) =>
        new MarkupError(hide(message), kind, where);
      const subject = essay.meta.subject;
      const base = {
        model: options.model,
        temperature: options.temperature ?? 0,
        messages: buildMessages(template, subject, essay.text),
      };
      const left = context.deadline - Date.now();
      const signal = AbortSignal.any([context.signal, AbortSignal.timeout(Math.max(1, left))]);
      let answer: { status: number; text: string };
      try {
        const withSchema = schemaSupported
          ? {
              ...base,
              response_format: {
                type: 'json_schema',
                json_schema: { name: 'selections', strict: true, schema: RESPONSE_SCHEMA },
              },
            }
          : base;
        answer = await ask(withSchema, context, signal);
        if (schemaSupported && answer.status === 400 && /response_format|json_schema/i.test(answer.text)) {
          // A server without structured outputs: ask again in plain text, and from now on.
          schemaSupported = false;
          options.logger?.info(
            where,
            `${url.origin} does not support response_format json_schema; asking for plain JSON`,
          );
          answer = await ask(base, context, signal);
        }
      } catch (error) {
        if (error instanceof MarkupError) throw error;
        if (context.signal.aborted) throw fail(`LLM request for file ${context.fileId} aborted`, 'aborted');
        if (signal.aborted)
          throw fail(
            `${url.origin} did not answer file ${context.fileId} before the deadline; the request was cancelled`,
            'aborted',
          );
        throw fail(
          `${url.origin} could not be reached for file ${context.fileId}: ${(error as Error).message}`,
          'threw',
        );
      }
      if (answer.status < 200 || answer.status >= 300) {
        const snippet = answer.text.replace(/\s+/g, ' ').trim().slice(0, 200);
        throw fail(
          `${url.origin} answered ${answer.status} for file ${context.fileId}: ${snippet}`,
          answer.status >= 500 ? 'threw' : 'invalid',
        );
      }
      let content: unknown;
      try {
        const reply = JSON.parse(answer.text) as { choices?: { message?: { content?: unknown } }[] };
        content = reply.choices?.[0]?.message?.content;
      } catch {
        throw fail(
          `${url.origin} answered a body that is not JSON for file ${context.fileId}: ${answer.text.slice(0, 120)}`,
          'invalid',
        );
      }
      if (typeof content !== 'string')
        throw fail(
          `${url.origin} answered without choices[0].message.content for file ${context.fileId}`,
          'invalid',
        );
      let parsed: ReturnType<typeof parseProposals>;
      try {
        parsed = parseProposals(content);
      } catch (error) {
        if (!(error instanceof ParseError)) throw error;
        throw fail(`model ${options.model} ${error.message} for file ${context.fileId}`, 'invalid');
      }
      const marked = essay.clone();
      const anchors = new Anchorer(essay.text);
      const unknown: string[] = [];
      let unanchored = 0;
      let kept = 0;
      const counts = { exact: 0, normalised: 0, fuzzy: 0 };
      for (const proposal of parsed.proposals.slice(0, options.maxProposals ?? 500)) {
        const entry = isSubject(subject) ? lookupCode(subject, proposal.type) : undefined;
        if (entry === undefined) {
          unknown.push(proposal.type);
          continue;
        }
        const anchor = anchors.find(proposal.quote);
        if (anchor === undefined || anchor.end <= anchor.start) {
          unanchored += 1;
          continue;
        }
        counts[anchor.how] += 1;
        kept += 1;
        marked.selections.add({
          startSelection: anchor.start,
          endSelection: anchor.end,
          type: canonicalCode(subject as never, proposal.type) ?? proposal.type,
          group: entry.kind === 'block' ? 'meaning' : 'error',
          comment: proposal.comment,
        });
      }
      options.logger?.info(
        { ...where, kept, unknownTypes: unknown.length, unanchored, malformed: parsed.malformed, ...counts },
        `LLM file ${context.fileId}: kept ${kept} (exact ${counts.exact}, normalised ${counts.normalised}, fuzzy ${counts.fuzzy}); dropped ${unknown.length} with unknown types${unknown.length > 0 ? ` (${[...new Set(unknown)].slice(0, 10).join(', ')})` : ''}, ${unanchored} quotes not found in the text, ${parsed.malformed} malformed items`,
      );
      return marked;
    },
    close() {
      closing ??= dispatcher.close();
      return closing;
    },
  };
}
