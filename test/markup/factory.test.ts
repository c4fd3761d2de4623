import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMarkup, markupKinds, registerMarkup } from '../../src/markup/index.js';
import { silentLogger } from '../../src/log/index.js';
import { ROOT } from './support.js';

describe('markup factory', () => {
  it('knows every shipped kind', () => {
    for (const kind of ['demo', 'module', 'command', 'directory', 'only-save'])
      assert.ok(markupKinds().includes(kind), kind);
  });

  it('builds each shipped kind from its options', async () => {
    assert.equal((await createMarkup('demo')).name, 'demo');
    assert.equal(
      (await createMarkup('module', { modulePath: 'examples/my-markup.js', cwd: ROOT })).name,
      'my-markup',
    );
    assert.equal((await createMarkup('command', { command: 'cat' })).name, 'command:cat');
    assert.equal((await createMarkup('directory', { directoryDelaySec: 5 })).name, 'directory');
    assert.equal((await createMarkup('only-save')).name, 'only-save');
  });

  it('says which option a kind is missing', async () => {
    await assert.rejects(createMarkup('module'), {
      kind: 'config',
      message: 'markup "module" needs the `modulePath` option',
    });
    await assert.rejects(createMarkup('command', { command: ' ' }), {
      kind: 'config',
      message: 'markup "command" needs the `command` option',
    });
  });

  it('takes the toolkit logger as the logger of the user program', async () => {
    const markup = await createMarkup('command', { command: 'cat', logger: silentLogger() });
    assert.equal(markup.name, 'command:cat');
  });

  it('lists the known kinds for an unknown one', async () => {
    await assert.rejects(createMarkup('nope'), {
      kind: 'config',
      message: /^unknown markup "nope"; known: demo, module, command, directory, only-save/,
    });
  });

  it('builds a registered markup by name', async () => {
    registerMarkup('echo-test', () => ({ name: 'echo-test', markup: async (essay) => essay }));
    assert.equal((await createMarkup('echo-test')).name, 'echo-test');
  });
});
