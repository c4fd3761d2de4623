import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CATALOGUE,
  SEMANTIC_BLOCKS,
  SUBJECTS,
  canonicalCode,
  catalogueFor,
  codesFor,
  formatCatalogue,
  isKnownCode,
  isSemanticBlock,
  lookupCode,
  nominationTypes,
  predefinedCodes,
  subjectMax,
} from '../../../src/scoring/catalogue/index.js';
import type { Subject } from '../../../src/scoring/catalogue/index.js';

// The lists of scoring.md §2, spelled as the spec spells them (a second, independent copy on purpose).
const SPEECH =
  'Р.знач Р.прост Р.мест Р.стил Р.прист Р.суфф Р.оним Р.сочет Р.лишн Р.тавт Р.повтор Р.бедн Р.неполн Р.двусм Р.шаблон';
const LOGIC =
  'Л.неоднор Л.причслед Л.скачок Л.перест Л.подмена Л.несопост Л.повтор Л.зачин Л.основн Л.конц Л.абзац';
const DATA_ONLY =
  'Г.слов Г.сказ Г.прич Г.упр Г.согл Г.сложн Г.однор Г.видовр Г.частиц Ф.факт Ф.искаж Ф.назван ИСП';
const COMMON = `${SPEECH} ${LOGIC} ${DATA_ONLY}`;
const ENG =
  'проблема лмнение прмнение аргумент обоснование вывод А.стиль А.перифр А.пробл А.аспект А.непрод А.логика А.связь А.абзац ' +
  'А.лекс А.запас А.грамм А.уров А.орф А.пункт А.аспм А.факт А.объем';

const SPEC: Record<Subject, string> = {
  rus:
    'проблема пример пояснение связь позиция отношение П.проблема П.факт П.опора П.пересказ П.факткомм П.другая П.копир ' +
    `П.позиция П.отнош П.обоснов П.однообр П.точность ${COMMON}`,
  'rus-free': COMMON,
  lit:
    'аргумент понятие С.тема С.поверхн С.одностор С.опора С.позиция С.факт С.упрощен С.пересказ С.понятие С.неиспол ' +
    `С.композ С.неразв С.связь С.послед ${COMMON}`,
  social:
    'идея понятие теория логика пример.общ пример.лич пример.ист О.смысл О.подмена О.пересказ О.упрощ О.понятие О.теория ' +
    `О.теорсвязь О.нехватает О.рассужд О.вывод О.примсвязь О.подтв О.дубл О.факт О.подробн ${COMMON}`,
  hist:
    'событие сяп роль причина следствие оценка И.сяп И.период И.личность И.лсвязь И.лпериод И.лроль И.лдейств И.причин ' +
    `И.следств И.влиян И.упрощ И.понятие И.неиспол И.факт И.излож И.событие И.слдейств ${COMMON}`,
  eng: ENG,
  'eng-free': ENG,
};

const SPEC_SEMANTIC =
  'проблема пример пояснение связь позиция отношение аргумент понятие идея теория логика пример.общ пример.лич ' +
  'пример.ист событие сяп роль причина следствие оценка лмнение прмнение обоснование вывод';

const words = (s: string) => s.split(' ');

describe('the markup-type catalogue', () => {
  test('lists every code of scoring.md §2 for its subject, and nothing else', () => {
    for (const subject of SUBJECTS) {
      const codes = codesFor(subject).map((e) => e.code);
      assert.deepEqual([...codes].sort(), [...words(SPEC[subject])].sort(), subject);
    }
  });

  test('has no code twice within a subject, not even in another case', () => {
    for (const subject of SUBJECTS) {
      const lower = codesFor(subject).map((e) => e.code.toLowerCase());
      assert.equal(new Set(lower).size, lower.length, subject);
    }
  });

  test('finds codes case-insensitively and returns the catalogue spelling', () => {
    assert.equal(isKnownCode('rus', 'ПРОБЛЕМА'), true);
    assert.equal(isKnownCode('rus', 'п.ПРОБЛЕМА'), true);
    assert.equal(canonicalCode('rus', 'п.проблема'), 'П.проблема');
    assert.equal(canonicalCode('hist', 'и.лроль'), 'И.лроль');
    assert.equal(canonicalCode('social', 'ПРИМЕР.ОБЩ'), 'пример.общ');
    assert.equal(lookupCode('eng', 'а.непрод')?.criteria.join(), 'K1');
    assert.equal(isKnownCode('rus', 'аргумент'), false);
    assert.equal(isKnownCode('lit', 'П.проблема'), false);
    assert.equal(isKnownCode('rus', ''), false);
  });

  test('accepts any Э.<word> where the categories are, keeping its spelling, but not in English', () => {
    const ethical = lookupCode('rus', 'Э.оскорб');
    assert.equal(ethical?.code, 'Э.оскорб');
    assert.equal(ethical?.category, 'ошэтич');
    assert.deepEqual(ethical?.criteria, ['K11']);
    assert.equal(isKnownCode('rus-free', 'э.грубость'), true);
    assert.equal(isKnownCode('eng', 'Э.оскорб'), false);
    assert.equal(isKnownCode('eng', 'Р.знач'), false);
    assert.equal(isKnownCode('rus', 'Э.'), false);
  });

  test('has the semantic-block set of scoring.md §2, which is every subject’s blocks', () => {
    assert.deepEqual([...SEMANTIC_BLOCKS].sort(), words(SPEC_SEMANTIC).sort());
    assert.equal(isSemanticBlock('ПРОБЛЕМА'), true);
    assert.equal(isSemanticBlock('П.проблема'), false);
    for (const subject of SUBJECTS) {
      for (const b of catalogueFor(subject).blocks) assert.ok(SEMANTIC_BLOCKS.has(b.code), b.code);
      for (const e of catalogueFor(subject).errors)
        assert.ok(!SEMANTIC_BLOCKS.has(e.code.toLowerCase()), e.code);
    }
  });

  test('names only criteria the subject has, and gives every entry a description', () => {
    for (const subject of SUBJECTS) {
      const c = catalogueFor(subject);
      const ks = new Set(c.criteriaMax.map((_, i) => `K${i + 1}`));
      for (const e of [...c.blocks, ...c.errors, ...c.categories]) {
        for (const k of e.criteria)
          assert.ok(ks.has(k), `${subject} ${'code' in e ? e.code : e.prefix} ${k}`);
        assert.ok(e.description.length > 10, `${subject}: empty description`);
      }
    }
  });

  test('maps the error categories to the criteria that read them (scoring.md §3)', () => {
    const of = (s: Subject) =>
      Object.fromEntries(CATALOGUE[s].categories.map((c) => [c.prefix, c.criteria.join()]));
    assert.deepEqual(of('rus'), { 'Г.': 'K9', 'Р.': 'K10', 'Л.': 'K5', 'Ф.': 'K12', 'Э.': 'K11' });
    assert.deepEqual(of('rus-free'), { 'Г.': 'K1', 'Р.': 'K2', 'Л.': 'K3', 'Ф.': 'K4', 'Э.': 'K5' });
    assert.deepEqual(of('lit'), { 'Г.': '', 'Р.': 'K5', 'Л.': '', 'Ф.': '', 'Э.': '' });
    assert.deepEqual(of('eng'), {});
    assert.deepEqual(lookupCode('rus', 'р.знач')?.criteria, ['K10']);
    assert.deepEqual(lookupCode('hist', 'р.знач')?.criteria, []);
  });

  test('gives the Russian names scoring.md gives and flags the case-sensitive history codes', () => {
    assert.equal(lookupCode('eng', 'лмнение')?.name, 'личное мнение');
    assert.equal(lookupCode('eng', 'аргумент')?.name, 'довод');
    assert.equal(CATALOGUE.rus.categories.find((c) => c.key === 'ошграм')?.name, 'ошГрам');
    for (const code of ['роль', 'причина', 'следствие', 'И.лроль', 'И.причин'])
      assert.equal(lookupCode('hist', code)?.caseSensitive, true, code);
    assert.equal(lookupCode('hist', 'сяп')?.caseSensitive, undefined);
  });

  test('marks what no rule reads: declared, nomination-only and data-only codes', () => {
    assert.equal(lookupCode('hist', 'И.событие')?.usage, 'declared');
    assert.equal(lookupCode('hist', 'И.слдейств')?.usage, 'nomination');
    assert.equal(lookupCode('eng', 'А.аспм')?.usage, 'declared');
    assert.equal(lookupCode('rus', 'ИСП')?.usage, 'data');
    assert.equal(lookupCode('rus', 'Г.согл')?.usage, 'category');
  });

  test('derives the criteria maxima, the predefined codes and the nomination lists', () => {
    assert.deepEqual(
      SUBJECTS.map((s) => subjectMax(s)),
      [24, 24, 14, 6, 12, 14, 14],
    );
    assert.deepEqual(predefinedCodes('rus-free'), []);
    assert.ok(!predefinedCodes('hist').includes('и.слдейств'));
    assert.ok(predefinedCodes('hist').includes('и.событие'));
    const nomination = nominationTypes();
    assert.deepEqual(Object.keys(nomination), ['rus', 'lit', 'social', 'hist']);
    assert.deepEqual(
      [...(nomination.rus?.logic ?? [])],
      words(LOGIC).map((c) => c.toLowerCase()),
    );
    assert.deepEqual([...(nomination.hist?.logic ?? [])], ['и.слдейств', 'и.причин', 'и.следств', 'и.излож']);
    assert.equal(lookupCode('lit', 'С.послед')?.nominationLogic, true);
  });

  test('formats every subject with all of its codes', () => {
    for (const subject of SUBJECTS) {
      const text = formatCatalogue(catalogueFor(subject)).join('\n');
      for (const code of words(SPEC[subject])) assert.ok(text.includes(code), `${subject}: ${code}`);
    }
  });
});
