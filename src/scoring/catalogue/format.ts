import type { CodeEntry, SubjectCatalogue } from './types.js';

function flags(e: CodeEntry): string {
  const out: string[] = [];
  if (e.name !== undefined) out.push(`«${e.name}»`);
  if (e.usage !== 'rule' && e.usage !== 'category') out.push(`[${e.usage}]`);
  if (e.caseSensitive) out.push('[hist rules match only the lowercase spelling]');
  if (e.nominationLogic) out.push('[nomination logic]');
  return out.length === 0 ? '' : ` ${out.join(' ')}`;
}

function row(code: string, criteria: readonly string[], text: string, width: number): string {
  const ks = criteria.length === 0 ? '—' : criteria.join(',');
  return `    ${code.padEnd(width)}  ${ks.padEnd(7)}  ${text}`;
}

/**
The catalogue of one subject as terminal lines. Category codes are listed per category rather
than one per line; `--json` output has every entry.
*/
export function formatCatalogue(c: SubjectCatalogue): string[] {
  const max = c.criteriaMax.reduce((a, b) => a + b, 0);
  const lines = [`${c.subject}: ${c.title} (${c.criteriaMax.length} criteria, max ${max})`];
  const own = c.errors.filter((e) => e.category === undefined);
  const width = Math.max(8, ...[...c.blocks, ...own].map((e) => e.code.length));
  if (c.blocks.length > 0) {
    lines.push('  meaning blocks:');
    for (const b of c.blocks) lines.push(row(b.code, b.criteria, `${b.description}${flags(b)}`, width));
  }
  if (own.length > 0) {
    lines.push('  errors:');
    for (const e of own) lines.push(row(e.code, e.criteria, `${e.description}${flags(e)}`, width));
  }
  if (c.categories.length > 0) {
    lines.push('  error categories (any code with the prefix counts):');
    for (const cat of c.categories) {
      lines.push(row(`${cat.prefix}*`, cat.criteria, `${cat.name}: ${cat.description}`, width));
      const named = c.errors.filter((e) => e.category === cat.key);
      const known = named.map((e) => e.code).join(', ') || `any ${cat.prefix}<word>`;
      const logic = named.length > 0 && named.every((e) => e.nominationLogic) ? ' [nomination logic]' : '';
      lines.push(`    ${' '.repeat(width)}  ${' '.repeat(7)}  known: ${known}${logic}`);
    }
  }
  lines.push(`  criteria maxima: ${c.criteriaMax.map((m, i) => `K${i + 1}=${m}`).join(' ')}`);
  return lines;
}
