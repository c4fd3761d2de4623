import { catalogueFor, isSubject, type CodeEntry } from '../../scoring/catalogue/index.js';

/**
The default instructions. `{{subject}}`, `{{codes}}` and `{{text}}` are replaced; a template file
(`--llm-prompt FILE`) may use the same placeholders. Everything before a line `---` is the system
message, everything after it the user message; without that line the essay text is the user message.
*/
export const DEFAULT_TEMPLATE = `You check school essays for the READ//ABLE contest ({{subject}}).
Mark fragments of the essay with these codes (code — kind — meaning):
{{codes}}

Answer with JSON only: a list of objects {"quote": "...", "type": "...", "comment": "..."}.
"quote" is an exact, short fragment copied from the essay (never offsets, never a paraphrase);
"type" is one of the codes above; "comment" says briefly why. Answer [] if nothing applies.
---
{{text}}`;

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

function describeCode(entry: CodeEntry): string {
  const kind = entry.kind === 'block' ? 'meaning block' : 'error';
  const name = entry.name ? ` (${entry.name})` : '';
  return `- ${entry.code} — ${kind}${name} — ${entry.description}`;
}

/** The codes of a subject, one per line, from the markup-type catalogue. */
export function codeList(subject: string): string {
  if (!isSubject(subject)) return '(unknown subject: use the codes you know for school essays)';
  const c = catalogueFor(subject);
  return [...c.blocks, ...c.errors].map(describeCode).join('\n');
}

export function buildMessages(template: string, subject: string, text: string): ChatMessage[] {
  const filled = (part: string) =>
    part
      .replaceAll('{{subject}}', subject)
      .replaceAll('{{codes}}', codeList(subject))
      .replaceAll('{{text}}', text);
  const split = /^---\s*$/m.exec(template);
  if (split === null)
    return [
      { role: 'system', content: filled(template) },
      { role: 'user', content: text },
    ];
  return [
    { role: 'system', content: filled(template.slice(0, split.index).trimEnd()) },
    { role: 'user', content: filled(template.slice(split.index + split[0].length).trimStart()) },
  ];
}

/** Structured outputs: the answer's JSON schema, for servers that support `response_format`. */
export const RESPONSE_SCHEMA = {
  type: 'object',
  properties: {
    selections: {
      type: 'array',
      items: {
        type: 'object',
        properties: { quote: { type: 'string' }, type: { type: 'string' }, comment: { type: 'string' } },
        required: ['quote', 'type', 'comment'],
        additionalProperties: false,
      },
    },
  },
  required: ['selections'],
  additionalProperties: false,
} as const;
