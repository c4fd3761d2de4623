// Writes the catalogue of bad inputs (test/catalogue/*.json): each field × each kind of wrongness,
// every case a real, distinct input with the message fragments its error must carry.
// Run: node --import tsx test/catalogue/generate.ts   (the JSON files are the data; this is how they were made)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Case {
  id: string;
  kind: 'essay file' | 'client event' | 'platform event' | 'scoring CLI' | 'markup command';
  /** Essay / scoring: the file text. Events: the event name and payload. */
  send: unknown;
  /** Every fragment must appear in the error message. */
  expect: string[];
}

const dir = import.meta.dirname;
const TEXT = Array.from({ length: 40 }, (_, i) => `слово${i}`).join(' ');
const essay = (patch: Record<string, unknown> = {}) => ({
  meta: { id: '0000101', subject: 'rus', theme: 'Тема', taskText: '' },
  text: TEXT,
  selections: [
    {
      id: 1,
      startSelection: 0,
      endSelection: 6,
      type: 'Р.повтор',
      group: 'error',
      subtype: '',
      correction: '',
    },
    {
      id: 2,
      startSelection: 7,
      endSelection: 13,
      type: 'Г.слов',
      group: 'error',
      subtype: '',
      correction: '',
    },
    {
      id: 3,
      startSelection: 14,
      endSelection: 20,
      type: 'проблема',
      group: 'meaning',
      subtype: '',
      correction: '',
    },
  ],
  criteria: { K1: 1, K2: 1 },
  ...patch,
});

/** The wrong values, named, with how the readers spell their JSON type. */
const WRONG: [string, unknown, string][] = [
  ['null', null, 'null'],
  ['a number', 42, 'number'],
  ['a string', 'x', 'string'],
  ['an array', [1], 'array'],
  ['an object', { a: 1 }, 'object'],
  ['a boolean', true, 'boolean'],
];

// ---------- essay files (the essay reader: Essay.fromJSON) ----------
const essays: Case[] = [];
for (const [what, value, type] of WRONG) {
  if (type !== 'object')
    essays.push({
      id: `essay-root-${type}`,
      kind: 'essay file',
      send: JSON.stringify(value),
      expect: [`expected an object, got ${type}`],
    });
  if (type !== 'string')
    essays.push({
      id: `essay-text-${type}`,
      kind: 'essay file',
      send: JSON.stringify(essay({ text: value })),
      expect: ['text', `expected a string, got ${type}`],
    });
  if (type !== 'object')
    essays.push({
      id: `essay-meta-${type}`,
      kind: 'essay file',
      send: JSON.stringify(essay({ meta: value })),
      expect: ['meta', `expected an object, got ${type}`],
    });
  for (const key of ['id', 'subject'])
    if (type !== 'string')
      essays.push({
        id: `essay-meta.${key}-${type}`,
        kind: 'essay file',
        send: JSON.stringify(essay({ meta: { ...essay().meta, [key]: value } })),
        expect: [`meta.${key}`, `expected a string, got ${type}`],
      });
  if (type !== 'array' && type !== 'null')
    essays.push({
      id: `essay-selections-${type}`,
      kind: 'essay file',
      send: JSON.stringify(essay({ selections: value })),
      expect: ['selections', `expected an array, got ${type}`],
    });
  void what;
}
for (const [name, text] of [
  ['missing', undefined],
  ['of-blanks', '   '],
] as const) {
  const { text: _t, ...rest } = essay();
  if (name === 'missing')
    essays.push({
      id: 'essay-text-missing',
      kind: 'essay file',
      send: JSON.stringify(rest),
      expect: ['text', 'missing (required)'],
    });
  void text;
}
{
  const { meta: _m, ...rest } = essay();
  essays.push({
    id: 'essay-meta-missing',
    kind: 'essay file',
    send: JSON.stringify(rest),
    expect: ['meta', 'missing (required)'],
  });
  for (const key of ['id', 'subject'] as const) {
    const { [key]: _k, ...meta } = essay().meta;
    essays.push({
      id: `essay-meta.${key}-missing`,
      kind: 'essay file',
      send: JSON.stringify(essay({ meta })),
      expect: [`meta.${key}`, 'missing (required)'],
    });
    for (const [n, v] of [
      ['empty', ''],
      ['blank', '  '],
      ['tab', '\t'],
    ] as const)
      essays.push({
        id: `essay-meta.${key}-${n}`,
        kind: 'essay file',
        send: JSON.stringify(essay({ meta: { ...essay().meta, [key]: v } })),
        expect: [`meta.${key}`, 'is empty'],
      });
  }
}
const good = JSON.stringify(essay(), null, 2);
const lines = good.split('\n');
const broken: [string, string, string][] = [
  ['empty file', '', ''],
  ['truncated after the first brace', '{', ''],
  ['truncated mid-string', good.slice(0, good.indexOf('слово5')), ''],
  ['a trailing comma', good.replace('"Тема",', '"Тема",,'), ''],
  ['single quotes', good.replace('"theme"', "'theme'"), ''],
  ['an unquoted key', good.replace('"theme"', 'theme'), ''],
  ['a NaN literal', good.replace('"endSelection": 6', '"endSelection": NaN'), ''],
  ['a comment line', [lines[0], '  // note', ...lines.slice(1)].join('\n'), ''],
  ['a second value after the object', `${good}\n{}`, ''],
  ['a missing closing brace', good.slice(0, good.lastIndexOf('}')), ''],
  ['a raw newline in a string', good.replace('"Тема"', '"Те\nма"'), ''],
  ['a bad escape', good.replace('"Тема"', '"Те\\qма"'), ''],
  ['a lone minus sign', good.replace('"endSelection": 6', '"endSelection": -'), ''],
  ['a hexadecimal number', good.replace('"endSelection": 6', '"endSelection": 0x6'), ''],
  ['undefined as a value', good.replace('"endSelection": 6', '"endSelection": undefined'), ''],
];
for (const [i, [what, text]] of broken.entries()) {
  // Syntax errors name the place: line:column of where the parser stopped.
  essays.push({ id: `essay-json-${i + 1}`, kind: 'essay file', send: text, expect: ['case.json:', 'JSON'] });
  void what;
}

// ---------- scoring CLI (calc psr's file reader) ----------
const scoring: Case[] = [];
const OFFSET_WRONG: [string, unknown, string][] = [
  ['missing', undefined, 'expected an integer, got missing'],
  ['null', null, 'expected an integer, got null'],
  ['string', '5', 'expected an integer, got "5"'],
  ['float', 1.5, 'expected an integer, got 1.5'],
  ['negative', -1, '-1 is negative'],
  ['past-end', 99999, '99999 is past the end of the text'],
  ['boolean', true, 'expected an integer, got true'],
  ['array', [3], 'expected an integer, got [3]'],
  ['object', { v: 3 }, 'expected an integer, got {"v":3}'],
  ['huge', 1e308, 'is past the end of the text'],
];
const withSelection = (index: number, patch: Record<string, unknown>) => {
  const e = essay();
  const sels = e.selections.map((s) => ({ ...s })) as Record<string, unknown>[];
  const s = { ...sels[index], ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete s[k];
  sels[index] = s;
  return JSON.stringify({ ...e, selections: sels });
};
for (const index of [0, 2]) {
  for (const field of ['startSelection', 'endSelection'])
    for (const [name, value, fragment] of OFFSET_WRONG)
      scoring.push({
        id: `psr-sel${index}.${field}-${name}`,
        kind: 'scoring CLI',
        send: withSelection(index, { [field]: value }),
        expect: [`case.json: selections[${index}].${field}:`, fragment],
      });
  scoring.push({
    id: `psr-sel${index}-start-after-end`,
    kind: 'scoring CLI',
    send: withSelection(index, { startSelection: 30, endSelection: 25 }),
    expect: [`selections[${index}].startSelection:`, '30 is after endSelection (25)'],
  });
  for (const [name, value, shown] of [
    ['missing', undefined, 'missing'],
    ['null', null, 'null'],
    ['empty', '', '""'],
    ['number', 7, '7'],
    ['array', ['a'], '["a"]'],
    ['object', { a: 1 }, '{"a":1}'],
    ['boolean', false, 'false'],
  ] as const)
    scoring.push({
      id: `psr-sel${index}.type-${name}`,
      kind: 'scoring CLI',
      send: withSelection(index, { type: value }),
      expect: [`selections[${index}].type:`, `expected a non-empty markup code, got ${shown}`],
    });
  for (const field of ['subtype', 'correction'])
    for (const [name, value, shown] of [
      ['null', null, 'null'],
      ['number', 7, '7'],
      ['array', ['a'], '["a"]'],
      ['object', { a: 1 }, '{"a":1}'],
      ['boolean', false, 'false'],
    ] as const)
      scoring.push({
        id: `psr-sel${index}.${field}-${name}`,
        kind: 'scoring CLI',
        send: withSelection(index, { [field]: value }),
        expect: [`selections[${index}].${field}:`, `expected a string, got ${shown}`],
      });
  for (const [name, value, shown] of [
    ['null', null, 'null'],
    ['number', 7, '7'],
    ['string', 'x', '"x"'],
    ['array', [1], '[1]'],
    ['boolean', true, 'true'],
  ] as const) {
    const e = essay();
    const sels: unknown[] = [...e.selections];
    sels[index] = value;
    scoring.push({
      id: `psr-sel${index}-${name}`,
      kind: 'scoring CLI',
      send: JSON.stringify({ ...e, selections: sels }),
      expect: [`selections[${index}]:`, `expected an object, got ${shown}`],
    });
  }
}
for (const key of ['K1', 'K2', 'K7', 'K12'])
  for (const [name, raw, fragment] of [
    ['string', '"1"', 'expected a number, got "1" (a string'],
    ['null', 'null', 'expected a number, got null'],
    ['negative', '-1', '-1 is negative'],
    ['huge-negative', '-1e308', '-1e+308 is negative'],
    ['infinite', '1e400', 'expected a number, got Infinity'],
    ['minus-infinite', '-1e400', 'expected a number, got -Infinity'],
    ['boolean', 'true', 'expected a number, got true'],
    ['array', '[1]', 'expected a number, got [1]'],
    ['object', '{"v":1}', 'expected a number, got {"v":1}'],
  ] as const) {
    const text = JSON.stringify(essay({ criteria: { K1: 1, K2: 1, [key]: '@@' } })).replace('"@@"', raw);
    scoring.push({
      id: `psr-criteria.${key}-${name}`,
      kind: 'scoring CLI',
      send: text,
      expect: [`case.json: criteria.${key}:`, fragment],
    });
  }
for (const [name, value, shown] of [
  ['string', 'x', '"x"'],
  ['number', 3, '3'],
  ['array', [1], '[1]'],
  ['boolean', true, 'true'],
  ['null', null, 'null'],
] as const)
  scoring.push({
    id: `psr-criteria-${name}`,
    kind: 'scoring CLI',
    send: JSON.stringify(essay({ criteria: value })),
    expect: ['case.json: criteria:', `expected an object of numbers, got ${shown}`],
  });
{
  const { criteria: _c, ...rest } = essay();
  scoring.push({
    id: 'psr-criterias-misspelt',
    kind: 'scoring CLI',
    send: JSON.stringify({ ...rest, criterias: { K1: 1 } }),
    expect: ['criterias:', 'misspelt key'],
  });
  const { selections: _s, ...noSel } = essay();
  scoring.push({
    id: 'psr-selections-missing',
    kind: 'scoring CLI',
    send: JSON.stringify(noSel),
    expect: ['case.json: selections:', 'missing; PSR needs'],
  });
  for (const [name, value, shown] of [
    ['null', null, 'null'],
    ['number', 3, 'number'],
    ['object', { a: 1 }, 'object'],
    ['boolean', true, 'boolean'],
    ['string', 'x', 'string'],
  ] as const)
    scoring.push({
      id: `psr-selections-${name}`,
      kind: 'scoring CLI',
      send: JSON.stringify(essay({ selections: value })),
      expect: [
        name === 'null'
          ? 'selections: expected an array, got null'
          : `selections: expected an array, got ${shown}`,
      ],
    });
}

// ---------- platform events (a hostile client against the real platform) ----------
// `$FILE` is the pushed file's id; `{"$essay": patch}` is the pushed essay with `patch` applied
// (`$selection0`… patch one selection), as an object or, with "$string": true, as JSON text.
const platform: Case[] = [];
const P = (id: string, event: string, payload: unknown, expect: string[]) =>
  platform.push({ id, kind: 'platform event', send: { event, payload }, expect });
const OFFSETS: [string, unknown, string][] = [
  ['null', null, 'got null'],
  ['string', '5', 'got "5"'],
  ['float', 1.5, 'got 1.5'],
  ['negative', -5, 'got -5'],
  ['past-end', 99999, 'got 99999'],
  ['huge', 1e308, 'got 1e+308'],
  ['boolean', true, 'got true'],
  ['array', [3], 'got [3]'],
];
for (const index of [0, 1])
  for (const field of ['startSelection', 'endSelection'])
    for (const [name, value, fragment] of OFFSETS)
      for (const asString of [false, true])
        P(
          `send-sel${index}.${field}-${name}${asString ? '-as-text' : ''}`,
          'session-file-send',
          {
            sessionId: 1,
            fileId: '$FILE',
            content: { $essay: { [`$selection${index}`]: { [field]: value } }, $string: asString },
          },
          [`selections[${index}].${field} must be an integer from 0 to`, fragment],
        );
for (const index of [0, 1])
  for (const [name, value, shown] of [
    ['null', null, 'null'],
    ['number', 7, '7'],
    ['string', 'x', '"x"'],
    ['array', [1], '[1]'],
    ['boolean', true, 'true'],
  ] as const)
    P(
      `send-sel${index}-${name}`,
      'session-file-send',
      { sessionId: 1, fileId: '$FILE', content: { $essay: { [`$selection${index}`]: { $replace: value } } } },
      [`selections[${index}] must be an object`, `got ${shown}`],
    );
P(
  'send-start-after-end',
  'session-file-send',
  {
    sessionId: 1,
    fileId: '$FILE',
    content: { $essay: { $selection0: { startSelection: 9, endSelection: 3 } } },
  },
  ['selections[0].startSelection (9) is after endSelection (3)'],
);
for (const [name, text, fragment] of [
  ['one-char-changed', { $textChange: 3 }, 'at offset 3'],
  ['truncated', { $textCut: 10 }, 'at offset 10'],
  ['appended', { $textAppend: '!' }, 'returned'],
] as const)
  P(`send-text-${name}`, 'session-file-send', { sessionId: 1, fileId: '$FILE', content: { $essay: text } }, [
    'content.text differs from the pushed text of file',
    fragment,
  ]);
for (const [name, content, fragment] of [
  ['not-json', '{"meta": ', 'content is not valid JSON'],
  ['json-array', '[1,2]', 'content must encode a JSON object (got an array)'],
  ['json-number', '42', 'content must encode a JSON object (got number 42)'],
  ['json-string', '"essay"', 'content must encode a JSON object (got "essay")'],
  ['json-null', 'null', 'content must encode a JSON object (got null)'],
  ['json-true', 'true', 'content must encode a JSON object (got boolean true)'],
  ['empty-string', '', 'content is not valid JSON'],
] as const)
  P(`send-content-${name}`, 'session-file-send', { sessionId: 1, fileId: '$FILE', content }, [fragment]);
for (const [name, patch, fragment] of [
  ['text-missing', { text: '$delete' }, 'text: missing (required)'],
  ['text-number', { text: 5 }, 'text: expected a string, got number'],
  ['meta-missing', { meta: '$delete' }, 'meta: missing (required)'],
  ['meta-string', { meta: 'm' }, 'meta: expected an object, got string'],
  ['meta-id-number', { $meta: { id: 5 } }, 'meta.id: expected a string, got number'],
  ['meta-subject-empty', { $meta: { subject: '' } }, 'meta.subject: is empty'],
  ['selections-string', { selections: 's' }, 'selections: expected an array, got string'],
] as const)
  P(
    `send-essay-${name}`,
    'session-file-send',
    { sessionId: 1, fileId: '$FILE', content: { $essay: patch } },
    ['content is not an essay', fragment],
  );
for (const [name, fileId, shown] of [
  ['missing', undefined, 'missing'],
  ['number', 1001, 'number 1001'],
  ['letters', 'abc', '"abc"'],
  ['empty', '', '""'],
  ['mixed', '12a', '"12a"'],
  ['null', null, 'null'],
  ['array', ['1'], 'an array'],
  ['object', { id: '1' }, 'an object'],
  ['path', '../1001', '"../1001"'],
  ['negative', '-1', '"-1"'],
  ['too-long', '1'.repeat(65), '"1111111111111111111111111111111111111111…"'],
] as const)
  P(`send-fileId-${name}`, 'session-file-send', { sessionId: 1, fileId, content: { $essay: {} } }, [
    'session-file-send: fileId must be a string of digits',
    `(got ${shown})`,
  ]);
for (const [name, sessionId, fragment] of [
  ['object', { id: 1 }, 'sessionId must be a session id, false or absent (got an object)'],
  ['array', [1], 'sessionId must be a session id, false or absent (got an array)'],
  ['true', true, 'sessionId must be a session id, false or absent (got boolean true)'],
  ['empty', '', 'sessionId must be a session id, false or absent (got "")'],
  ['other', 999, "sessionId 999 is not this token's active session (1)"],
  ['other-string', 'abc', 'sessionId "abc" is not this token\'s active session (1)'],
  ['infinite-ish', 1e308, "is not this token's active session (1)"],
] as const)
  P(`send-sessionId-${name}`, 'session-file-send', { sessionId, fileId: '$FILE', content: { $essay: {} } }, [
    fragment,
  ]);
for (const [name, content, shown] of [
  ['number', 5, 'number 5'],
  ['null', null, 'null'],
  ['array', [1], 'an array'],
  ['boolean', false, 'boolean false'],
  ['missing', undefined, 'missing'],
] as const)
  P(`send-content-type-${name}`, 'session-file-send', { sessionId: 1, fileId: '$FILE', content }, [
    'session-file-send: content must be the essay as a JSON string or an object',
    `(got ${shown})`,
  ]);
for (const [name, payload, shown] of [
  ['null', null, 'null'],
  ['number', 5, 'number 5'],
  ['string', 's', '"s"'],
  ['array', [1], 'an array'],
  ['boolean', true, 'boolean true'],
] as const)
  P(`send-payload-${name}`, 'session-file-send', payload, [
    'session-file-send: payload must be an object',
    `(got ${shown})`,
  ]);
P('send-not-pushed', 'session-file-send', { sessionId: 1, fileId: '9999', content: { $essay: {} } }, [
  'file 9999 was not pushed in session 1',
]);
for (const [name, payload, fragment] of [
  ['null', null, 'session-start payload must be an object (got null)'],
  ['number', 5, 'session-start payload must be an object (got number)'],
  ['string', 'algorithmic', 'session-start payload must be an object (got string)'],
  ['type-unknown', { type: 'weird' }, 'type'],
  ['type-number', { type: 3 }, 'type'],
  ['params-string', { type: 'algorithmic', params: 'x' }, 'params must be an object'],
  ['params-array', { type: 'algorithmic', params: [1] }, 'params must be an object'],
  [
    'dsType-unknown',
    { type: 'algorithmic', params: { dsType: 'dev', countFiles: 1, lang: 'rus' } },
    'params.dsType',
  ],
  [
    'lang-unknown',
    { type: 'algorithmic', params: { dsType: 'train', countFiles: 1, lang: 'deu' } },
    'params.lang',
  ],
  [
    'countFiles-zero',
    { type: 'algorithmic', params: { dsType: 'train', countFiles: 0, lang: 'rus' } },
    'params.countFiles',
  ],
  [
    'countFiles-negative',
    { type: 'algorithmic', params: { dsType: 'train', countFiles: -3, lang: 'rus' } },
    'params.countFiles',
  ],
  [
    'countFiles-float',
    { type: 'algorithmic', params: { dsType: 'train', countFiles: 2.5, lang: 'rus' } },
    'params.countFiles',
  ],
  [
    'countFiles-word',
    { type: 'algorithmic', params: { dsType: 'train', countFiles: 'ten', lang: 'rus' } },
    'params.countFiles',
  ],
  [
    'time-zero',
    { type: 'algorithmic', params: { dsType: 'train', countFiles: 10, lang: 'rus', time: 0 } },
    'params.time',
  ],
  [
    'time-huge',
    { type: 'algorithmic', params: { dsType: 'train', countFiles: 10, lang: 'rus', time: 1e9 } },
    'params.time',
  ],
] as const)
  P(`start-${name}`, 'session-start', payload, [fragment]);
for (const [name, payload] of [
  ['null', null],
  ['number', 5],
  ['string', 's'],
  ['object-without-logs', { records: [] }],
  ['logs-object', { logs: {} }],
] as const)
  P(`logs-${name}`, 'logs-send', payload, [
    'logs-send: payload must be {logs: [...]} or an array of records',
  ]);
P('logs-too-many', 'logs-send', { logs: Array.from({ length: 1001 }, (_, i) => ({ i })) }, [
  'logs-send: 1001 records in one message; the limit is 1000',
]);
for (const [name, payload, shown] of [
  ['number', 5, 'number 5'],
  ['string', 's', '"s"'],
  ['array', [1], 'an array'],
  ['boolean', true, 'boolean true'],
] as const) {
  P(`repeat-${name}`, 'session-file-repeat', payload, [
    'session-file-repeat: payload must be an object',
    `(got ${shown})`,
  ]);
  P(`abort-${name}`, 'session-client-abort', payload, [
    'session-client-abort: payload must be an object',
    `(got ${shown})`,
  ]);
}

// ---------- client events (a hostile platform: what the client checks before acting) ----------
const client: Case[] = [];
const C = (id: string, event: string, payload: unknown, expect: string[]) =>
  client.push({ id, kind: 'client event', send: { event, payload }, expect });
const FILE_IDS: [string, unknown, string][] = [
  ['missing', undefined, 'missing'],
  ['letters', 'abc', '"abc"'],
  ['empty', '', '""'],
  ['null', null, 'null'],
  ['array', ['1'], 'an array'],
  ['object', { id: 1 }, 'an object'],
  ['path', '../../etc/passwd', '"../../etc/passwd"'],
  ['float', 1.5, 'number 1.5'],
  ['negative', -3, 'number -3'],
  ['too-long', '7'.repeat(65), '"7777777777777777777777777777777777777777…"'],
];
for (const event of ['session-file-available', 'session-file-repeat-success']) {
  for (const [name, fileId, shown] of FILE_IDS)
    C(`${event}-fileId-${name}`, event, { sessionId: 1, fileId, content: essay() }, [
      `${event}: fileId must be a string of digits`,
      `(got ${shown})`,
    ]);
  for (const [name, content, shown] of [
    ['missing', undefined, 'missing'],
    ['number', 5, 'number 5'],
    ['null', null, 'null'],
    ['array', [1], 'an array'],
    ['boolean', true, 'boolean true'],
  ] as const)
    C(`${event}-content-${name}`, event, { sessionId: 1, fileId: '1001', content }, [
      `${event}: content must be an essay object or JSON string`,
      `(got ${shown})`,
    ]);
  for (const [name, payload, shown] of [
    ['null', null, 'null'],
    ['number', 1, 'number 1'],
    ['string', 's', '"s"'],
    ['array', [], 'an array'],
    ['boolean', false, 'boolean false'],
  ] as const)
    C(`${event}-payload-${name}`, event, payload, [`${event}: payload must be an object`, `(got ${shown})`]);
}
for (const event of ['session-file-send-success', 'session-file-send-error'])
  for (const [name, fileId, shown] of FILE_IDS)
    C(`${event}-fileId-${name}`, event, { sessionId: 1, fileId }, [
      `${event}: fileId must be a string of digits`,
      `(got ${shown})`,
    ]);
for (const event of ['session-start-success', 'session-reconnect-success']) {
  for (const [name, sessionId, shown] of [
    ['object', {}, 'an object'],
    ['array', [1], 'an array'],
    ['boolean', true, 'boolean true'],
    ['null', null, 'null'],
    ['missing', undefined, 'missing'],
    ['empty', '', '""'],
    ['too-long', 's'.repeat(200), '"ssssssssssssssssssssssssssssssssssssssss…"'],
  ] as const)
    C(`${event}-sessionId-${name}`, event, { sessionId }, [
      `${event}: sessionId must be a session id (string or number)`,
      `(got ${shown})`,
    ]);
  C(`${event}-payload-null`, event, null, [`${event}: payload must be an object`, '(got null)']);
}
for (const event of ['session-close', 'session-start-error', 'session-reconnect-error', 'logs-send-error'])
  for (const [name, payload, shown] of [
    ['number', 3, 'number 3'],
    ['string', 'x', '"x"'],
    ['array', [1], 'an array'],
  ] as const)
    C(`${event}-payload-${name}`, event, payload, [`${event}: payload must be an object`, `(got ${shown})`]);

// Issue 9.4: a whole number is a file id (its decimal string); these numbers and strings are not.
const FILE_IDS_9_4: [string, unknown, string][] = [
  ['unsafe-integer', 2 ** 53, `number ${2 ** 53}`],
  ['exponent', 1e21, 'number 1e+21'],
  ['tiny-fraction', 1e-7, 'number 1e-7'],
  ['negative-zero-fraction', -0.5, 'number -0.5'],
  ['negative-string', '-1', '"-1"'],
  ['leading-space', ' 12', '" 12"'],
  ['trailing-newline', '12\n', '"12\\n"'],
  ['plus-sign', '+12', '"+12"'],
  ['decimal-string', '12.0', '"12.0"'],
  ['boolean', true, 'boolean true'],
];
for (const event of [
  'session-file-available',
  'session-file-repeat-success',
  'session-file-send-success',
  'session-file-send-error',
]) {
  const carries = event.startsWith('session-file-send') ? {} : { content: essay() };
  for (const [name, fileId, shown] of FILE_IDS_9_4)
    C(`${event}-fileId-9.4-${name}`, event, { sessionId: 1, fileId, ...carries }, [
      `${event}: fileId must be a string of digits or a whole number`,
      `(got ${shown})`,
    ]);
}
// Issue 9.5: answers whose session id is not an id fail the request at once.
for (const event of ['session-start-success', 'session-reconnect-success'])
  for (const [name, sessionId, shown] of [
    ['false', false, 'boolean false'],
    ['object-with-id', { id: 5 }, 'an object'],
    ['string-array', ['5'], 'an array'],
    ['infinite-string', 'x'.repeat(129), `"${'x'.repeat(40)}…"`],
  ] as const)
    C(`${event}-sessionId-9.5-${name}`, event, { sessionId }, [
      `${event}: sessionId must be a session id (string or number)`,
      `(got ${shown})`,
    ]);
// Issue 9.5: answers to the abort and the repeat, and the connection events, that are not objects.
for (const event of [
  'session-client-abort-success',
  'session-client-abort-error',
  'session-file-repeat-error',
  'session-auto-reconnect-error',
  'connection-auth-error',
  'logs-send-success',
])
  for (const [name, payload, shown] of [
    ['number', 3, 'number 3'],
    ['string', 'x', '"x"'],
    ['array', [1], 'an array'],
    ['null', null, 'null'],
  ] as const)
    C(`${event}-payload-${name}`, event, payload, [`${event}: payload must be an object`, `(got ${shown})`]);

// ---------- markup commands (--markup-command: the command runner and the marker's checks) ----------
// `send` is the shell command (and runner options); the essay on its stdin is `essay()` without
// selections. test/catalogue/commands.test.ts runs each through `new Marker(createCommandMarkup(…))`.
const commands: Case[] = [];
const K = (id: string, command: string, expect: string[], options?: Record<string, unknown>) =>
  commands.push({
    id: `command-${id}`,
    kind: 'markup command',
    send: { command, ...(options && { options }) },
    expect,
  });
/** A Python one-liner that reads the essay, runs `code` on it as `e`, prints `e` as JSON. */
const py = (code: string) =>
  `python3 -c "import json,sys; e=json.load(sys.stdin); ${code}; print(json.dumps(e, ensure_ascii=False))"`;
const sel = (fields: string) => `e['selections']=[{'id':1,'type':'Г.слов','group':'error',${fields}}]`;

for (const code of [1, 2, 3, 42, 126, 255])
  K(`exit-${code}`, `cat >/dev/null; exit ${code}`, [
    `exited with code ${code} for file 0000101`,
    'nothing on stderr',
  ]);
K('exit-with-stderr', 'echo "model weights missing" >&2; exit 2', [
  'exited with code 2',
  'stderr: model weights missing',
]);
K('not-found', 'no-such-model-command-xyz', ['exited with code 127', 'no-such-model-command-xyz: not found']);
K('python-traceback', `python3 -c "raise ValueError('bad model')"`, [
  'exited with code 1',
  'ValueError: bad model',
]);
K('stderr-flood-then-exit', 'head -c 3000000 /dev/zero | tr "\\0" x >&2; exit 1', [
  'exited with code 1',
  'stderr: xxxx',
]);
for (const signal of ['KILL', 'SEGV', 'TERM', 'ABRT'])
  K(`signal-${signal}`, `kill -${signal} $$`, [`was killed by SIG${signal} for file 0000101`]);
for (const [id, command] of [
  ['nothing', 'cat >/dev/null'],
  ['newline', 'cat >/dev/null; echo'],
  ['whitespace', "cat >/dev/null; printf ' \\n\\t '"],
  ['stdin-closed', 'exec 0<&-; true'],
] as const)
  K(`stdout-${id}`, command, [
    'printed nothing on stdout for file 0000101',
    'must print the marked essay as JSON',
  ]);
for (const [id, out] of [
  ['brace', '{'],
  ['missing-value', '{"a":}'],
  ['trailing-comma', '{"a":1,}'],
  ['single-quotes', "{'text':'x'}"],
  ['nan', 'NaN'],
  ['word', 'undefined'],
  ['two-objects', '{}{}'],
] as const)
  K(`invalid-json-${id}`, `cat >/dev/null; printf '%s' '${out.replace(/'/g, "'\\''")}'`, [
    'printed invalid JSON for file 0000101',
    'not valid JSON',
  ]);
K('invalid-json-binary', "cat >/dev/null; printf '\\377\\376'", ['printed invalid JSON', 'not valid JSON']);
K('invalid-json-log-after-essay', 'cat; echo done', [
  'printed invalid JSON',
  'Unexpected non-whitespace character after JSON',
]);
for (const [id, out, expect] of [
  ['array', '[]', '(root): expected an object, got array'],
  ['number', '42', '(root): expected an object, got number'],
  ['null', 'null', '(root): expected an object, got null'],
  ['string', '"essay"', '(root): expected an object, got string'],
  ['boolean', 'true', '(root): expected an object, got boolean'],
  ['empty-object', '{}', 'meta: missing (required)'],
  ['text-only', '{"text": 5}', 'meta: missing (required)'],
] as const)
  K(`not-essay-${id}`, `cat >/dev/null; echo '${out}'`, [
    'printed JSON that is not an essay for file 0000101',
    expect,
  ]);
K('not-essay-double-encoded', py('e=json.dumps(e)'), [
  'printed JSON that is not an essay',
  '(root): expected an object, got string',
]);
K('not-essay-selections-string', py("e['selections']='x'"), ['selections: expected an array, got string']);
K('not-essay-text-number', py("e['text']=5"), ['text: expected a string, got number']);
K('not-essay-meta-array', py("e['meta']=[]"), ['meta: expected an object, got array']);
for (const [id, code] of [
  ['cut', "e['text']=e['text'][:10]"],
  ['appended', "e['text']=e['text']+' и ещё'"],
  ['one-letter', "e['text']=e['text'].replace('слово1 ','СЛОВО1 ')"],
  ['empty', "e['text']=''"],
] as const)
  K(`text-changed-${id}`, py(code), [
    'changed the essay text of file 0000101',
    'selections must point into the original text',
  ]);
K('selection-past-end', py(sel("'startSelection':0,'endSelection':999999")), [
  'returned an invalid essay',
  'selections[0].endSelection = 999999 is past the end of the text',
]);
K('selection-start-after-end', py(sel("'startSelection':9,'endSelection':2")), [
  'returned an invalid essay',
  'selections[0].startSelection = 9 is after endSelection (2)',
]);
K('selection-no-type', py("e['selections']=[{'id':1,'startSelection':0,'endSelection':5,'group':'error'}]"), [
  'returned an invalid essay',
  'selections[0].type = "" is empty',
]);
K(
  'stdout-limit',
  'cat >/dev/null; yes | head -c 5000',
  [
    'printed more than 1024 bytes on stdout for file 0000101 and was killed',
    'print only the essay JSON on stdout',
  ],
  { maxOutputBytes: 1024 },
);
K(
  'cwd-missing',
  'cat',
  ['could not be started for file 0000101', 'does the working directory /nonexistent-readable-dir exist?'],
  { cwd: '/nonexistent-readable-dir' },
);
K('empty-command', '   ', ['markup command is empty']);
K('aborted', 'echo ready >&2; sleep 30', ['aborted for file 0000101'], { abortOnStderr: 'ready' });
K('aborted-with-child', 'sleep 30 & echo ready >&2; wait', ['aborted for file 0000101'], {
  abortOnStderr: 'ready',
});

const all = { essays, scoring, platform, client, commands };
for (const [name, cases] of Object.entries(all)) {
  const ids = new Set<string>();
  for (const c of cases) {
    if (ids.has(c.id)) throw new Error(`duplicate case id ${c.id}`);
    ids.add(c.id);
  }
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(cases, null, 1)}\n`);
  console.log(`${name}: ${cases.length}`);
}
