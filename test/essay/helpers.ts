import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/essays/${name}`, import.meta.url));
}

/** A fresh temp dir and its cleanup, for `t.after`. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'readable-essay-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A clean essay object: every write rule holds, nothing to warn about. */
export function cleanEssay(): Record<string, unknown> {
  const text = 'Это проверочный текст сочинения, длина которого превышает пятьдесят символов.';
  return {
    meta: { id: '0000078', subject: 'rus', theme: 'Тема', taskText: '' },
    text,
    selections: [
      {
        id: 1,
        startSelection: 0,
        endSelection: 3,
        type: 'Г.слов',
        group: 'error',
        subtype: '',
        tag: '',
        comment: '',
        explanation: '',
        correction: '',
      },
    ],
  };
}
