// Generates the reference figures of the `--compat official` tests ONCE, from the published package.
// Not run by the tests. Usage (the package stays outside the repository):
//   cd /tmp && npm pack @upgreat-readable/psr@1.9.0 && tar xzf upgreat-readable-psr-1.9.0.tgz
//   node test/eval/compat/generate-figures.mjs /tmp/package
// It writes cases.json (the envelopes, compactly), m7/ (our own synthetic M7 tables, not the organisers')
// and figures.json (the package's output for every case: as shipped, and with our tables in its folder).
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const pkg = process.argv[2];
if (!pkg) throw new Error('usage: node generate-figures.mjs PACKAGE_DIR');
const here = import.meta.dirname;
const root = join(here, '..', '..', '..');

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(2026);
const pick = (xs) => xs[Math.floor(random() * xs.length)];
const SUBJECTS = ['rus', 'rus-free', 'lit', 'social', 'hist', 'eng', 'eng-free'];
const TYPES = [
  'проблема',
  'пример',
  'аргумент',
  'Р.повтор',
  'Р.лишн',
  'Г.согл',
  'Л.скачок',
  'И.факт',
  'О.смысл',
  'А.грамм',
];
const tuple = (s) => [s.startSelection, s.endSelection, s.type, s.subtype, s.correction];

// Demo essays: the participant is the last expert with every third fragment dropped and offsets moved.
const cases = [];
const index = JSON.parse(readFileSync(join(root, 'data/demo/index.json'), 'utf8'));
for (const [n, e] of index.entries()) {
  const read = (name) => JSON.parse(readFileSync(join(root, 'data/demo', e.split, `${name}.json`), 'utf8'));
  const essay = read(e.id);
  const experts = Array.from({ length: e.experts }, (_, i) => read(`${e.id}_exp${i + 1}`));
  const last = experts.at(-1);
  const participant =
    n % 5 === 0
      ? []
      : last.selections
          .filter((_, i) => i % 3 !== 2)
          .map((s) => ({
            ...s,
            startSelection: Math.max(0, s.startSelection - 3),
            type: n % 2 ? s.type : 'Р.лишн',
          }));
  cases.push({
    id: essay.meta.uuid,
    subject: essay.meta.subject,
    text: essay.text,
    markups: [
      { id: `${e.id}`, isExpert: false, criteria: experts[0].criteria, selections: participant.map(tuple) },
      ...experts.map((x, i) => ({
        id: `${e.id}_exp${i + 1}`,
        isExpert: true,
        criteria: x.criteria,
        selections: n % 7 === 3 && i === 0 ? [] : x.selections.map(tuple),
      })),
    ],
  });
}
// Generated essays: synthetic text, 1 participant + 2..3 experts, empty markups in every position.
for (let i = 0; i < 240; i++) {
  const words = 150 + Math.floor(random() * 200);
  const length = Array.from({ length: words }, (_, w) => `слово${w}`).join(' ').length;
  const markup = (id, isExpert) => {
    const count = random() < 0.2 ? 0 : 1 + Math.floor(random() * 10);
    const selections = Array.from({ length: count }, () => {
      const start = Math.floor(random() * (length - 100));
      return [
        start,
        start + Math.floor(random() * 90),
        pick(TYPES),
        random() < 0.5 ? '' : 'повт',
        random() < 0.7 ? '' : 'x',
      ];
    });
    return {
      id,
      isExpert,
      criteria: { K1: Math.floor(random() * 3), K2: Math.floor(random() * 3) },
      selections,
    };
  };
  const experts = 2 + Math.floor(random() * 2);
  cases.push({
    id: `gen-${i}`,
    subject: SUBJECTS[i % SUBJECTS.length],
    words,
    markups: [
      markup(`gen-${i}-p`, false),
      ...Array.from({ length: experts }, (_, k) => markup(`gen-${i}-e${k + 1}`, true)),
    ],
  });
}

// Our synthetic M7 tables: half the essays weigh M7, marks chosen to show the unrounded display (56 → 56.00000000000001),
// and one duplicate row (the package keeps the last).
const excluded = cases.filter((_, i) => i % 2 === 0).map((c) => c.id);
const marks = [56, 65.5, 82.9, 33.33, 100, 0.1, 57, 28];
const participantRows = cases
  .filter((_, i) => i % 3 !== 1)
  .map((c, i) => ({ mk_uuid: c.markups[0].id, mark: marks[i % marks.length] }));
participantRows.push({ mk_uuid: cases[0].markups[0].id, mark: 14 });
const expertRows = cases
  .filter((_, i) => i % 4 !== 3)
  .flatMap((c, i) =>
    c.markups
      .slice(1)
      .map((m, k) => ({ source_file_public_id: c.id, mk_uuid: m.id, mark: marks[(i + k) % marks.length] })),
  );
const m7Dir = join(here, 'm7');
mkdirSync(m7Dir, { recursive: true });
writeFileSync(join(m7Dir, 'eng_final_m7_AVG.json'), JSON.stringify(participantRows));
writeFileSync(join(m7Dir, 'exper_m7_markup_100.json'), JSON.stringify(expertRows));
writeFileSync(join(m7Dir, 'excludedDoubles.json'), JSON.stringify(excluded));

export function envelope(c) {
  const text = c.text ?? Array.from({ length: c.words }, (_, w) => `слово${w}`).join(' ');
  return {
    essay: {
      id: c.id,
      meta: { subject: c.subject },
      text,
      markups: c.markups.map((m) => ({
        id: m.id,
        isExpert: m.isExpert,
        criteria: m.criteria,
        selections: m.selections.map(([startSelection, endSelection, type, subtype, correction], i) => ({
          id: i + 1,
          startSelection,
          endSelection,
          type,
          subtype,
          correction,
        })),
      })),
    },
  };
}

function run(pkgDir) {
  const require = createRequire(join(pkgDir, 'package.json'));
  const { MetricService } = require('./build/MetricService.js');
  const { params } = require('./build/regulator.js');
  const log = console.log;
  return cases.map((c) => {
    params.weight.M7 = 1; // every call as the first of a fresh process (psrcli scores one file per process)
    console.log = () => {}; // the package prints the M7 weight once per pair
    try {
      const r = new MetricService().calculate(envelope(c));
      return JSON.parse(JSON.stringify(r));
    } finally {
      console.log = log;
    }
  });
}

const shipped = run(pkg);
const withTables = join('/tmp', `psr-compat-tables-${process.pid}`);
cpSync(pkg, withTables, { recursive: true });
cpSync(m7Dir, join(withTables, 'build', 'main', 'mSevenStat'), { recursive: true });
const tables = run(withTables);
writeFileSync(
  join(here, 'cases.json'),
  `${JSON.stringify({ generatedBy: '@upgreat-readable/psr@1.9.0', cases })}\n`,
);
writeFileSync(
  join(here, 'figures.json'),
  `${JSON.stringify({ package: '@upgreat-readable/psr@1.9.0', shipped, tables })}\n`,
);
console.log(`${cases.length} cases; figures written`);
