import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createDirectoryMarkup } from '../../src/markup/index.js';
import { markupContract } from './contract.js';
import { makeTempDir, RecordingLogger } from './support.js';

markupContract('directory', async () => {
  const temp = await makeTempDir();
  const logger = new RecordingLogger();
  return {
    markup: createDirectoryMarkup({ logger }),
    context: { outputDir: join(temp.dir, 'output') },
    // The user's program: once the markup waits, it writes its answer where the markup looks.
    answer: async (input, context) => {
      await logger.waitFor(/^waiting for /);
      const answer = input.clone();
      answer.selections.add({ startSelection: 0, endSelection: 4, type: 'проблема', group: 'meaning' });
      await writeFile(join(temp.dir, 'output', `${context.fileId}.json`), answer.toString());
    },
    cleanup: temp.remove,
  };
});
