import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Command } from 'commander';
import {
  addMarkupOptions,
  markerFromOptions,
  markupChosenByFlags,
  type MarkupFlags,
} from '../../src/cli/markup-options.js';
import { ExitError } from '../../src/cli/exit-error.js';
import { ROOT } from './support.js';

function parse(args: string[]): MarkupFlags {
  const cmd = addMarkupOptions(new Command('x').exitOverride());
  cmd.parse(args, { from: 'user' });
  return cmd.opts<MarkupFlags>();
}

describe('markup options shared by the commands that mark', () => {
  it('parses every --markup-* option into flags', () => {
    assert.deepEqual(parse(['--markup', 'demo']), { markup: 'demo' });
    assert.deepEqual(parse(['--markup-command', 'python3 m.py']), { markupCommand: 'python3 m.py' });
    assert.equal(markupChosenByFlags({}), false);
    assert.equal(markupChosenByFlags({ markupCommand: 'x' }), true);
  });

  it('refuses two algorithms at once with a usage error', async () => {
    await assert.rejects(
      markerFromOptions({ markup: 'demo', markupCommand: 'true' }, {}),
      (error: unknown) => {
        assert.ok(error instanceof ExitError);
        assert.equal(error.code, 2);
        assert.match(error.message, /either --markup or --markup-command/);
        return true;
      },
    );
  });

  it('lets a flag replace what .env chose, and keeps .env otherwise', async () => {
    const config = { markupCommand: 'python3 my_model.py' };
    assert.equal((await markerFromOptions({}, config, { cwd: ROOT })).name, 'command:python3 my_model.py');
    assert.equal((await markerFromOptions({ markup: 'demo' }, config, { cwd: ROOT })).name, 'demo');
  });

  it('lets essay mark override the session-only choices of .env, and session flags add them', async () => {
    const config = { onlySaveFiles: true };
    assert.equal((await markerFromOptions({}, config)).name, 'only-save');
    const marker = await markerFromOptions({ markup: 'demo' }, config, { ignoreSessionModes: true });
    assert.equal(marker.name, 'demo');
    assert.equal((await markerFromOptions({}, {}, { directory: true })).name, 'directory');
  });
});
