import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config/index.js';
import { markupFromConfig } from '../../src/cli/markup-config.js';
import { DEMO_WARNING, MarkupError } from '../../src/markup/index.js';
import { makeTempDir, ROOT } from './support.js';

const MODULE = join(ROOT, 'examples/my-markup.js');

describe('markupFromConfig', () => {
  it('chooses the demo when nothing is set', async () => {
    const temp = await makeTempDir();
    try {
      const markup = await markupFromConfig(loadConfig({ cwd: temp.dir, env: {} }));
      assert.equal(markup.name, 'demo');
      assert.equal(markup.warning, DEMO_WARNING);
    } finally {
      await temp.remove();
    }
  });

  it('chooses each implementation from its own setting', async () => {
    assert.equal((await markupFromConfig({ onlySaveFiles: true })).name, 'only-save');
    assert.equal((await markupFromConfig({ checkDirectoryAnswer: true })).name, 'directory');
    assert.equal(
      (await markupFromConfig({ markupCommand: 'python3 my_model.py' })).name,
      'command:python3 my_model.py',
    );
    assert.equal((await markupFromConfig({ markup: MODULE })).name, 'my-markup');
    assert.equal((await markupFromConfig({ markup: 'demo' })).name, 'demo');
  });

  it('reads MARKUP and MARKUP_COMMAND through loadConfig', async () => {
    const temp = await makeTempDir();
    try {
      const env = { MARKUP: MODULE };
      assert.equal((await markupFromConfig(loadConfig({ cwd: temp.dir, env }))).name, 'my-markup');
      const both = loadConfig({ cwd: temp.dir, env: { ...env, MARKUP_COMMAND: 'cat' } });
      await assert.rejects(markupFromConfig(both), {
        kind: 'config',
        message: /MARKUP_COMMAND \(command\), MARKUP \(module\)/,
      });
    } finally {
      await temp.remove();
    }
  });

  it('rejects only-save together with the directory mode', async () => {
    await assert.rejects(
      markupFromConfig({ onlySaveFiles: true, checkDirectoryAnswer: true }),
      (error: unknown) => {
        assert.ok(error instanceof MarkupError);
        assert.equal(error.kind, 'config');
        assert.equal(
          error.message,
          'conflicting markup settings: SESSION_IS_ONLY_SAVE_FILES (only-save), CHECK_DIRECTORY_ANSWER (directory); set only one of them (precedence, were it allowed: only-save > directory > command > worker > http > llm > module > demo)',
        );
        return true;
      },
    );
  });

  it('rejects a command together with a module', async () => {
    await assert.rejects(markupFromConfig({ markupCommand: 'python3 my_model.py', markup: MODULE }), {
      kind: 'config',
      message:
        'conflicting markup settings: MARKUP_COMMAND (command), MARKUP (module); set only one of them (precedence, were it allowed: only-save > directory > command > worker > http > llm > module > demo)',
    });
  });

  it('lets a command-line flag replace the markup chosen in .env', async () => {
    const config = { markupCommand: 'python3 my_model.py' };
    assert.equal((await markupFromConfig(config, { markup: MODULE })).name, 'my-markup');
    assert.equal(
      (await markupFromConfig({ markup: MODULE }, { markupCommand: 'true' })).name,
      'command:true',
    );
    assert.equal((await markupFromConfig(config, { markup: 'only-save' })).name, 'only-save');
  });

  it('names the flag when it conflicts with a mode from .env', async () => {
    await assert.rejects(markupFromConfig({ checkDirectoryAnswer: true }, { markupCommand: 'true' }), {
      message:
        'conflicting markup settings: CHECK_DIRECTORY_ANSWER (directory), --markup-command (command); set only one of them (precedence, were it allowed: only-save > directory > command > worker > http > llm > module > demo)',
    });
  });

  it('resolves a module given by flag against cwd', async () => {
    const markup = await markupFromConfig({}, { markup: './examples/my-markup.js', cwd: ROOT });
    assert.equal(markup.name, 'my-markup');
    await assert.rejects(markupFromConfig({}, { markup: './nope.js', cwd: ROOT }), {
      kind: 'config',
      message: `markup module ${join(ROOT, 'nope.js')} does not exist`,
    });
  });
});

describe('markupFromConfig with the long-lived modes', () => {
  it('chooses the worker from MARKUP_WORKER and the HTTP markup from MARKUP_URL', async () => {
    const temp = await makeTempDir();
    try {
      const config = loadConfig({
        cwd: temp.dir,
        env: {
          MARKUP_URL: 'http://127.0.0.1:9/mark, http://127.0.0.1:10/mark',
          MARKUP_AUTH: 'Bearer xyz-secret',
        },
      });
      assert.deepEqual(config.markupUrls, ['http://127.0.0.1:9/mark', 'http://127.0.0.1:10/mark']);
      const http = await markupFromConfig(config);
      assert.equal(http.name, 'http:http://127.0.0.1:9/mark,http://127.0.0.1:10/mark');
      await http.close?.();
      const worker = await markupFromConfig(
        { markupWorker: `'${process.execPath}' examples/node-worker.mjs`, markupWorkers: 2 },
        { cwd: ROOT },
      );
      assert.match(worker.name, /^worker:.*node-worker\.mjs$/);
      await worker.close?.();
    } finally {
      await temp.remove();
    }
  });

  it('refuses MARKUP_WORKER together with MARKUP_URL', async () => {
    await assert.rejects(markupFromConfig({ markupWorker: 'x', markupUrls: ['http://a/'] }), {
      message: /MARKUP_WORKER \(worker\), MARKUP_URL \(http\)|MARKUP_URL \(http\), MARKUP_WORKER \(worker\)/,
    });
  });
});
