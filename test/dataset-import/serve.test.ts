import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dataset, defaultDatasetDir, importDataset } from '../../src/dataset/index.js';
import { answersDirSource, localScorer, runEval } from '../../src/eval/index.js';
import { startPlatform } from '../../src/platform/index.js';
import { ManualClock } from '../../src/clock/index.js';
import { ClientEvent, ServerEvent } from '../../src/protocol/index.js';
import { connected, markedAnswer } from '../platform/helpers.js';

test('an imported envelope dataset serves a session and evaluates, essays named by their original names', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'readable-import-serve-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const src = join(root, 'src');
  await mkdir(src);
  const demo = await Dataset.load(defaultDatasetDir());
  for (const entry of demo.entries.filter((e) => e.subject === 'rus' && e.split === 'train')) {
    const essay = await demo.essay(entry);
    const experts = await demo.experts(entry);
    await writeFile(
      join(src, `${entry.id}-envelope.json`),
      JSON.stringify({
        essay: {
          id: `essay-${entry.id}`,
          meta: essay.meta,
          text: essay.text,
          markups: experts.map((x, i) => ({
            id: `m${i}`,
            isExpert: true,
            criteria: x.criteria,
            selections: x.selections,
          })),
        },
      }),
    );
  }
  const out = join(root, 'dataset');
  const imported = await importDataset(src, out);
  assert.deepEqual(imported.problems, []);
  assert.equal(imported.entries.length, 4);

  const platform = await startPlatform({
    dataDir: join(root, 'data'),
    datasetDir: out,
    tokens: ['t1'],
    clock: new ManualClock(),
  });
  t.after(() => platform.close());
  const client = await connected(platform.url, 't1');
  t.after(() => client.close());
  client.emit(ClientEvent.start, {
    type: 'algorithmic',
    params: { dsType: 'train', countFiles: 10, lang: 'rus', time: 10 },
  });
  await client.next(ServerEvent.startSuccess);
  const file = await client.next(ServerEvent.fileAvailable);
  const content: unknown = file.content;
  const pushed = (typeof content === 'string' ? JSON.parse(content) : content) as { meta: { id: string } };
  assert.equal(pushed.meta.id, file.fileId);
  const entry = (await Dataset.load(out)).entries.find((e) => e.id === file.fileId)!;
  assert.match(entry.name ?? '', /^essay-1\d+$/);
  client.emit(ClientEvent.fileSend, {
    sessionId: 1,
    fileId: file.fileId,
    content: markedAnswer(file.content),
  });
  await client.next(ServerEvent.fileSendSuccess);

  // The same dataset evaluates: answers named by original name are found too.
  const answers = join(root, 'answers');
  await mkdir(answers);
  for (const e of (await Dataset.load(out)).entries) {
    const essay = JSON.parse(await readFile(join(out, e.split, `${e.id}.json`), 'utf8')) as object;
    await writeFile(join(answers, `${e.name}.json`), markedAnswer(essay));
  }
  const result = await runEval({
    dataset: await Dataset.load(out),
    split: 'train',
    source: answersDirSource(answers),
    runsDir: join(root, 'runs'),
    toolkit: 'test',
    scorer: localScorer(),
  });
  assert.equal(result.summary.counts.scored, 4);
  assert.ok(result.scores.every((s) => s.name?.startsWith('essay-')));
});
