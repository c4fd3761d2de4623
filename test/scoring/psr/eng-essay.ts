// Our own English essay for the §6.2 example: 13 shared fragments, and one more that only the experts mark.
import type { PsrSelection } from '../../../src/scoring/psr/index.js';

export const ENG_TEXT = [
  'Some people believe that young people should spend their summer holidays working part-time,',
  'while others think that the summer is for rest and travel. In this essay I will discuss both views.',
  'In my opinion, a summer job teaches teenagers responsibility and the value of money.',
  'Firstly, when you earn your own money, you begin to understand how hard adults work.',
  'Secondly, a job gives you useful skills such as punctuality, teamwork and comunication.',
  'Moreover, many employers prefer candidates who has some work experience.',
  'On the other hand, some people argue that students are tired after the school year',
  'and need time to relax, to see their friends and to travel with family.',
  'However, I believe a short part-time job still leaves enough time for rest.',
  'To conclude, working in summer is a good idea if the job is not too long.',
].join('\n');

function span(phrase: string): [number, number] {
  const start = ENG_TEXT.indexOf(phrase);
  if (start < 0) throw new Error(`phrase not in the text: ${phrase}`);
  return [start, start + phrase.length];
}

let id = 100;
function s(type: string, phrase: string, subtype = '', correction = ''): PsrSelection {
  const [startSelection, endSelection] = span(phrase);
  const group = type.startsWith('А.') ? 'error' : 'meaning';
  return {
    id: id++,
    startSelection,
    endSelection,
    type,
    group,
    subtype,
    tag: '',
    comment: '',
    explanation: '',
    correction,
  };
}

/** The 13 fragments both the participant and the experts mark, identically. */
export function sharedSelections(): PsrSelection[] {
  return [
    s('проблема', 'young people should spend their summer holidays working part-time'),
    s('прмнение', 'others think that the summer is for rest and travel'),
    s('лмнение', 'a summer job teaches teenagers responsibility and the value of money'),
    s('аргумент', 'when you earn your own money, you begin to understand how hard adults work'),
    s('аргумент', 'a job gives you useful skills'),
    s('А.орф', 'comunication', 'орф', 'communication'),
    s('А.грамм', 'who has some', 'согл', 'who have some'),
    s('аргумент', 'many employers prefer candidates'),
    s('А.стиль', 'On the other hand, some people argue'),
    s('обоснование', 'students are tired after the school year'),
    s('А.лекс', 'to see their friends', 'лекс', ''),
    s('А.связь', 'However, I believe'),
    s('вывод', 'working in summer is a good idea if the job is not too long'),
  ];
}

/** What only the experts mark: it overlaps none of the shared fragments. */
export function expertOnlySelection(): PsrSelection {
  return s('А.запас', 'In this essay I will discuss both views.');
}
