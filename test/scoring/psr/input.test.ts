// Files → PSR envelope (src/scoring/input): ids, checks with file + field messages, directory grouping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  buildPsrEnvelope,
  groupDirectory,
  parseMarkupFile,
  PsrInputError,
  readMarkupFile,
  scorePsrDirectory,
  scorePsrFiles,
} from '../../../src/scoring/input/index.js';
import { essayFile, tempDir } from './files.js';
import { WORDS_TEXT } from './fixtures.js';

test('markup ids are the file base names and essay.id is meta.uuid, else meta.id', async () => {
  const t = await tempDir();
  try {
    const p = await t.write('0000101.json', essayFile());
    const e = await t.write('0000101_exp1.json', essayFile({ meta: { expert: 'exp001', third: true } }));
    const { input } = buildPsrEnvelope(await readMarkupFile(p), [await readMarkupFile(e)]);
    assert.equal(input.essay.id, '0d9c1b7e-aaaa-4bbb-8ccc-000000000101');
    assert.deepEqual(
      input.essay.markups.map((m) => [m.id, m.isExpert, m.third]),
      [
        ['0000101', false, false],
        ['0000101_exp1', true, true],
      ],
    );
    const noUuid = parseMarkupFile(JSON.stringify(essayFile({ meta: { uuid: undefined } })), 'x.json');
    assert.equal(noUuid.essayId, '0000101');
  } finally {
    await t.done();
  }
});

function rejectsWith(json: unknown, pattern: RegExp): void {
  assert.throws(
    () => parseMarkupFile(typeof json === 'string' ? json : JSON.stringify(json), 'bad.json'),
    (e: unknown) => e instanceof Error && e.message.startsWith('bad.json') && pattern.test(e.message),
  );
}

const oneSelection = (patch: Record<string, unknown>): unknown[] => [
  { ...(essayFile().selections as Record<string, unknown>[])[0], ...patch },
];

test('each malformed file is rejected with a message naming the file and the field', () => {
  rejectsWith(essayFile({ selections: undefined }), /bad\.json: selections: missing/);
  rejectsWith(essayFile({ selections: { a: 1 } }), /selections: expected an array/);
  rejectsWith(
    essayFile({ selections: oneSelection({ type: null }) }),
    /selections\[0\]\.type: expected a non-empty markup code, got null/,
  );
  rejectsWith(
    essayFile({ selections: oneSelection({ subtype: null }) }),
    /selections\[0\]\.subtype: expected a string, got null/,
  );
  rejectsWith(
    essayFile({ selections: oneSelection({ correction: null }) }),
    /selections\[0\]\.correction: expected a string, got null/,
  );
  rejectsWith(
    essayFile({ selections: oneSelection({ endSelection: WORDS_TEXT.length + 1 }) }),
    /endSelection: \d+ is past the end of the text/,
  );
  rejectsWith(
    essayFile({ selections: oneSelection({ startSelection: 50, endSelection: 40 }) }),
    /startSelection: 50 is after endSelection \(40\)/,
  );
  rejectsWith(
    essayFile({ selections: oneSelection({ startSelection: '5' }) }),
    /startSelection: expected an integer, got "5"/,
  );
  rejectsWith(
    essayFile({ criteria: { K1: '1', K2: 2 } }),
    /criteria\.K1: expected a number, got "1" \(a string/,
  );
  rejectsWith(essayFile({ criteria: undefined, criterias: { K1: 1 } }), /criterias: misspelt key/);
  // 1e400 parses as Infinity: the message names that value, not null.
  rejectsWith(
    JSON.stringify(essayFile({ selections: oneSelection({ startSelection: 123456789 }) })).replace(
      '123456789',
      '1e400',
    ),
    /startSelection: expected an integer, got Infinity/,
  );
  rejectsWith('{"meta": {', /bad\.json:1:\d+/);
  rejectsWith(essayFile({ text: undefined }), /bad\.json: text/);
});

test('a selection without subtype is kept, as the official does, with a warning', () => {
  const f = parseMarkupFile(
    JSON.stringify(essayFile({ selections: oneSelection({ subtype: undefined }) })),
    'w.json',
  );
  assert.equal(f.selections[0]!.subtype, undefined);
  assert.ok(f.warnings.some((w) => w.startsWith('w.json: selections[0].subtype: missing')));
});

function envelopeRejects(files: Record<string, unknown>[], pattern: RegExp, options = {}): void {
  const parsed = files.map((f, i) =>
    parseMarkupFile(JSON.stringify(f), i === 0 ? 'p.json' : `p_exp${i}.json`),
  );
  assert.throws(
    () => buildPsrEnvelope(parsed[0], parsed.slice(1), options),
    (e: unknown) => e instanceof PsrInputError && pattern.test(e.message),
  );
}

test('files of one essay must agree: text, subject, criteria present, at least one expert', () => {
  envelopeRejects([essayFile()], /^p\.json: PSR needs at least one expert markup/);
  envelopeRejects(
    [essayFile(), essayFile({ text: `${WORDS_TEXT}!` })],
    new RegExp(`^p_exp1\\.json: text: text differs from p\\.json \\(from offset ${WORDS_TEXT.length}\\)`),
  );
  envelopeRejects(
    [essayFile(), essayFile({ meta: { subject: 'lit' } })],
    /^p_exp1\.json: meta\.subject: subject "lit" differs from "rus"/,
  );
  envelopeRejects([essayFile(), essayFile({ criteria: undefined })], /^p_exp1\.json: criteria: missing/);
  envelopeRejects(
    [essayFile(), essayFile({ criteria: { K1: 30 } })],
    /^p_exp1\.json: criteria: sum 30 exceeds the maximum 24/,
  );
  envelopeRejects(
    [essayFile({ meta: { subject: 'math' } }), essayFile({ meta: { subject: 'math' } })],
    /unknown subject "math"/,
  );
  envelopeRejects(
    [essayFile({ meta: { subject: 'eng' } }), essayFile({ meta: { subject: 'eng' } })],
    /nomination mode accepts only/,
    {
      mode: 'nomination',
    },
  );
});

test('nomination files need no criteria', () => {
  const f = parseMarkupFile(JSON.stringify(essayFile({ criteria: undefined })), 'n.json');
  const g = parseMarkupFile(JSON.stringify(essayFile({ criteria: undefined })), 'n_exp1.json');
  assert.doesNotThrow(() => buildPsrEnvelope(f, [g], { mode: 'nomination' }));
});

test('a directory groups {id}.json with its {id}_exp{N}.json, experts in numeric order, sub-folders kept', async () => {
  const t = await tempDir();
  try {
    for (const name of [
      'a.json',
      'a_exp10.json',
      'a_exp2.json',
      'train/b.json',
      'train/b_exp1.json',
      'c_exp1.json',
      '.a.json.tmp',
    ])
      await t.write(name, essayFile());
    await t.write('notes.txt', 'x');
    const groups = await groupDirectory(t.dir);
    assert.deepEqual(
      groups.map((g) => [
        g.key,
        g.participant?.slice(t.dir.length + 1),
        g.experts.map((e) => e.slice(t.dir.length + 1)),
      ]),
      [
        ['a', 'a.json', ['a_exp2.json', 'a_exp10.json']],
        ['c', undefined, ['c_exp1.json']],
        ['train/b', join('train', 'b.json'), [join('train', 'b_exp1.json')]],
      ],
    );
  } finally {
    await t.done();
  }
});

test('a directory run scores every essay, reports the ones it cannot, and averages the rest', async () => {
  const t = await tempDir();
  try {
    const exact = essayFile({ selections: oneSelection({ startSelection: 0 }) });
    await t.write('e1.json', essayFile()); // [10,100] vs [0,100]: 98.57
    await t.write('e1_exp1.json', exact);
    await t.write('e1_exp2.json', exact);
    await t.write('e2.json', exact); // identical, no subtypes: 100
    await t.write('e2_exp1.json', exact);
    await t.write('e3.json', essayFile()); // no expert
    const s = await scorePsrDirectory(t.dir);
    assert.deepEqual(
      s.essays.map((e) => [e.key, e.STAR, e.MTotal, e.pairs, e.error === undefined]),
      [
        ['e1', 98.57, 98.57, 2, true],
        ['e2', 100, 100, 1, true],
        ['e3', null, null, 0, false],
      ],
    );
    assert.match(s.essays[2]!.error!, /e3\.json: PSR needs at least one expert markup/);
    assert.deepEqual(s.aggregate, {
      essays: 3,
      scored: 2,
      failed: 1,
      meanSTAR: 99.28, // toFixed(2) of the binary 99.285
      meanOTAR: 98.57, // e1: 98.57 / 100 · 100; e2 has a single expert, so its OTAR is null and left out
      meanMTotal: 99.05, // (98.57 + 98.57 + 100) / 3 pairs
    });
  } finally {
    await t.done();
  }
});

test('scorePsrFiles explains matched and unmatched fragments with J and L', async () => {
  const t = await tempDir();
  try {
    const p = await t.write('x.json', essayFile());
    const extra = oneSelection({ startSelection: 0 });
    extra.push({ ...(extra[0] as object), id: 2, type: 'Г.согл', startSelection: 200, endSelection: 230 });
    const e = await t.write('x_exp1.json', essayFile({ selections: extra }));
    const r = await scorePsrFiles(p, [e], { explain: true });
    assert.equal(r.mode, 'normal');
    if (r.mode !== 'normal') return;
    const [ex] = r.explanations!;
    assert.equal(ex!.matched.length, 1);
    assert.deepEqual(
      [ex!.matched[0]!.j, ex!.matched[0]!.l, ex!.matched[0]!.x.start, ex!.matched[0]!.y.start],
      [0.1, 1.1, 10, 0],
    );
    assert.deepEqual(ex!.unmatchedX, []);
    assert.deepEqual(
      ex!.unmatchedY.map((f) => [f.type, f.start, f.end]),
      [['Г.согл', 200, 230]],
    );
    assert.ok(ex!.unmatchedY[0]!.quote.length <= 40);
  } finally {
    await t.done();
  }
});
