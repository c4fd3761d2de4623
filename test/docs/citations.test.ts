// Every section a comment in src/ cites (`docs/scoring.md §4.3.7`) must exist in docs/, so that
// a citation never points at nothing. Bare `§N` in src/scoring/ means docs/scoring.md.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if (/\.(ts|md)$/.test(entry.name)) out.push(path);
  }
  return out;
}

/**
The section numbers a document defines: headings (`## 4.`, `### 4.3 …`), numbered paragraphs
(`1.1. …`), and numbered list items under a numbered heading (item 7 under `### 4.3` is 4.3.7).
*/
export function sectionsOf(markdown: string): Set<string> {
  const sections = new Set<string>();
  let heading: string | undefined;
  for (const line of markdown.split('\n')) {
    const h = /^#{2,4} (\d+(?:\.\d+)*)\.? /.exec(line);
    if (h?.[1] !== undefined) {
      heading = h[1];
      sections.add(heading);
      continue;
    }
    if (/^#/.test(line)) heading = undefined;
    const paragraph = /^(\d+\.\d+(?:\.\d+)*)\. /.exec(line);
    if (paragraph?.[1] !== undefined) {
      sections.add(paragraph[1]);
      continue;
    }
    const item = /^(\d+)\. /.exec(line);
    if (item?.[1] !== undefined && heading !== undefined) sections.add(`${heading}.${item[1]}`);
  }
  return sections;
}

interface Citation {
  where: string;
  doc: string;
  section: string | undefined;
}

function citationsIn(file: string, text: string): Citation[] {
  const out: Citation[] = [];
  const rel = relative(ROOT, file);
  const inScoring = rel.startsWith(join('src', 'scoring'));
  text.split('\n').forEach((line, i) => {
    const where = `${rel}:${i + 1}`;
    const cited = new Set<number>();
    for (const m of line.matchAll(
      /docs\/([a-z-]+\.md)(?: (§\d+(?:\.\d+)*)((?:\s*[–,-]\s*§?\d+(?:\.\d+)*)*))?/g,
    )) {
      const doc = m[1] ?? '';
      out.push({ where, doc, section: m[2]?.slice(1) });
      for (const more of (m[3] ?? '').matchAll(/§(\d+(?:\.\d+)*)/g))
        out.push({ where, doc, section: more[1] });
      for (let k = m.index; k < m.index + m[0].length; k++) cited.add(k);
    }
    if (!inScoring) return;
    for (const m of line.matchAll(/(regulations )?§(\d+(?:\.\d+)*)/g)) {
      if (m[1] !== undefined || cited.has(m.index)) continue;
      out.push({ where, doc: 'scoring.md', section: m[2] });
    }
  });
  return out;
}

/** GitHub's anchor for a heading: lowercased, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

describe('links between the documents in docs/', () => {
  it('point at files and headings that exist', async () => {
    const dir = join(ROOT, 'docs');
    const anchors = new Map<string, Set<string>>();
    const texts = new Map<string, string>();
    for (const name of await readdir(dir)) {
      if (!name.endsWith('.md')) continue;
      const text = await readFile(join(dir, name), 'utf8');
      texts.set(name, text);
      anchors.set(name, new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1] ?? ''))));
    }
    const broken: string[] = [];
    for (const [name, text] of texts) {
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1] ?? '';
        if (/^[a-z]+:/.test(target)) continue;
        const [file = '', anchor] = target.split('#');
        if (file !== '' && !file.endsWith('.md')) {
          const exists = await readFile(join(dir, file)).then(
            () => true,
            () => false,
          );
          if (!exists) broken.push(`${name}: ${target}: no such file`);
          continue;
        }
        const heads = anchors.get(file === '' ? name : file);
        if (heads === undefined) broken.push(`${name}: ${target}: no such document`);
        else if (anchor !== undefined && !heads.has(anchor))
          broken.push(`${name}: ${target}: no such heading`);
      }
    }
    assert.deepEqual(broken, []);
  });
});

describe('citations of docs/ in src/', () => {
  it('point at documents and sections that exist', async () => {
    const docs = new Map<string, Set<string>>();
    for (const name of await readdir(join(ROOT, 'docs'))) {
      if (name.endsWith('.md')) docs.set(name, sectionsOf(await readFile(join(ROOT, 'docs', name), 'utf8')));
    }
    const missing: string[] = [];
    let count = 0;
    for (const file of await filesUnder(join(ROOT, 'src'))) {
      for (const c of citationsIn(file, await readFile(file, 'utf8'))) {
        count += 1;
        const sections = docs.get(c.doc);
        if (sections === undefined) missing.push(`${c.where}: docs/${c.doc} does not exist`);
        else if (c.section !== undefined && !sections.has(c.section))
          missing.push(`${c.where}: docs/${c.doc} has no §${c.section}`);
      }
    }
    assert.deepEqual(missing, []);
    assert.ok(count > 0, 'no citation found at all: the pattern is broken');
  });

  it('find headings, numbered paragraphs and numbered steps', () => {
    const sections = sectionsOf('## 4. PSR\n\n### 4.3 Matching\n\n1. a\n2. b\n\n## 5. X\n\n5.1. para\n');
    assert.deepEqual([...sections].sort(), ['4', '4.3', '4.3.1', '4.3.2', '5', '5.1']);
  });
});
