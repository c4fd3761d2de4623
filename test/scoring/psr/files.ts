// Writes single-markup essay files of our own into a temp folder for the input and CLI tests.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { WORDS_TEXT } from './fixtures.js';

export interface FileSpec {
  meta?: Record<string, unknown>;
  text?: string;
  selections?: unknown;
  criteria?: unknown;
  [key: string]: unknown;
}

export function essayFile(spec: FileSpec = {}): Record<string, unknown> {
  const { meta, ...rest } = spec;
  return {
    meta: {
      id: '0000101',
      uuid: '0d9c1b7e-aaaa-4bbb-8ccc-000000000101',
      subject: 'rus',
      theme: 'Тема',
      taskText: '',
      ...meta,
    },
    text: WORDS_TEXT,
    selections: [
      {
        id: 1,
        startSelection: 10,
        endSelection: 100,
        type: 'Р.повтор',
        group: 'error',
        subtype: '',
        tag: '',
        comment: '',
        explanation: '',
        correction: '',
      },
    ],
    criteria: { K1: 1, K2: 1 },
    ...rest,
  };
}

export async function tempDir(): Promise<{
  dir: string;
  write: (name: string, data: unknown) => Promise<string>;
  done: () => Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'psr-files-'));
  return {
    dir,
    write: async (name, data) => {
      const path = join(dir, name);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, typeof data === 'string' ? data : JSON.stringify(data, null, 2));
      return path;
    },
    done: () => rm(dir, { recursive: true, force: true }),
  };
}
