import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, DEFAULT_HOST, ENV_VARIABLES, loadConfig } from '../../src/config/index.js';

async function withTempDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'config-test-'));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('without any .env or variables every default applies', async () => {
  await withTempDir(async (dir) => {
    const config = loadConfig({ cwd: dir, env: {} });
    assert.deepEqual(config, {
      host: DEFAULT_HOST,
      debug: false,
      onlySaveFiles: false,
      wsProtocolVersion: 2,
      demoMaxDelaySec: 0,
      checkDirectoryAnswer: false,
      tlsInsecure: false,
      filesDir: join(dir, 'files'),
      logsDir: join(dir, 'logs'),
      concurrency: 4,
      durability: 'fsync-input',
    });
    assert.equal(DEFAULT_HOST, 'https://ds.readable.upgreat.one');
    assert.equal('token' in config, false, 'no token means the local platform');
    assert.equal(config.envFile, undefined);
  });
});

test('values are read from .env in the working directory', async () => {
  await withTempDir(async (dir) => {
    await writeFile(
      join(dir, '.env'),
      [
        '# a comment',
        'TOKEN=abcdef0123456789',
        'HOST=http://127.0.0.1:4000',
        'DEBUG=yes',
        'SESSION_IS_ONLY_SAVE_FILES=On',
        'SESSION_WS_PROTOCOL_VERSION=2',
        'DEBUG_MAX_MARKUP_DEMO_DELAY=1.5',
        'CHECK_DIRECTORY_ANSWER=TRUE',
        'CHECK_DIRECTORY_ANSWER_DELAY=20',
        'TLS_INSECURE=1',
        'FILES_DIR=data/files',
        'LOGS_DIR=/var/tmp/readable-logs',
        'MARKUP=./my-markup.js',
        'MARKUP_COMMAND="python3 mark.py {input} {output}"',
        'SESSION_CONCURRENCY=8',
        'SESSION_DURABILITY=Atomic',
      ].join('\n'),
    );
    const config = loadConfig({ cwd: dir, env: {} });
    assert.deepEqual(config, {
      token: 'abcdef0123456789',
      host: 'http://127.0.0.1:4000',
      debug: true,
      onlySaveFiles: true,
      wsProtocolVersion: 2,
      demoMaxDelaySec: 1.5,
      checkDirectoryAnswer: true,
      checkDirectoryAnswerDelaySec: 20,
      tlsInsecure: true,
      filesDir: join(dir, 'data/files'),
      logsDir: '/var/tmp/readable-logs',
      markup: join(dir, 'my-markup.js'),
      markupCommand: 'python3 mark.py {input} {output}',
      concurrency: 8,
      durability: 'atomic',
      envFile: join(dir, '.env'),
    });
  });
});

test('the process environment overrides the file', async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, '.env'), 'TOKEN=from-file-token\nDEBUG=true\nHOST=http://file.example\n');
    const config = loadConfig({ cwd: dir, env: { TOKEN: 'from-env-token', DEBUG: 'off' } });
    assert.equal(config.token, 'from-env-token');
    assert.equal(config.debug, false);
    assert.equal(
      config.host,
      'http://file.example',
      'variables absent from the environment keep the file value',
    );
  });
});

test('an empty value counts as unset, in the file and in the environment', async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, '.env'), 'TOKEN=\nSESSION_CONCURRENCY=\nHOST=http://file.example\n');
    const config = loadConfig({ cwd: dir, env: { HOST: '  ' } });
    assert.equal('token' in config, false);
    assert.equal(config.concurrency, 4);
    assert.equal(config.host, DEFAULT_HOST, 'an empty HOST in the environment clears the file value');
  });
});

test('the default env is process.env, and loading never changes it', async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, '.env'), 'DEBUG_MAX_MARKUP_DEMO_DELAY=7\nSOMETHING_ELSE_FROM_FILE=1\n');
    const before = { ...process.env };
    loadConfig({ cwd: dir });
    assert.deepEqual({ ...process.env }, before);
    assert.equal(process.env.SOMETHING_ELSE_FROM_FILE, undefined);
    assert.equal(process.env.DEBUG_MAX_MARKUP_DEMO_DELAY, before.DEBUG_MAX_MARKUP_DEMO_DELAY);
  });
});

test('an explicit env file is read instead of .env, relative to cwd', async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, '.env'), 'DEBUG=true\n');
    await mkdir(join(dir, 'conf'));
    await writeFile(join(dir, 'conf', 'rehearsal.env'), 'HOST=ws://rehearsal.example:8080\n');
    const config = loadConfig({ cwd: dir, envFile: 'conf/rehearsal.env', env: {} });
    assert.equal(config.host, 'ws://rehearsal.example:8080');
    assert.equal(config.debug, false, '.env is not read when another file is given');
    assert.equal(config.envFile, join(dir, 'conf', 'rehearsal.env'));
  });
});

test('a missing explicit env file is an error, a missing default .env is not', async () => {
  await withTempDir(async (dir) => {
    assert.doesNotThrow(() => loadConfig({ cwd: dir, env: {} }));
    const missing = join(dir, 'nope.env');
    assert.throws(
      () => loadConfig({ cwd: dir, envFile: 'nope.env', env: {} }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.problems, [`env file: ${JSON.stringify(missing)} does not exist`]);
        assert.equal(
          error.message,
          `Invalid configuration:\n  env file: ${JSON.stringify(missing)} does not exist`,
        );
        return true;
      },
    );
  });
});

test('an env file that is a directory is reported, not ignored', async () => {
  await withTempDir(async (dir) => {
    await mkdir(join(dir, '.env'));
    assert.throws(() => loadConfig({ cwd: dir, env: {} }), {
      name: 'ConfigError',
      problems: [`env file: ${JSON.stringify(join(dir, '.env'))} cannot be read (EISDIR)`],
    });
  });
});

test('the config is frozen', async () => {
  await withTempDir(async (dir) => {
    const config = loadConfig({ cwd: dir, env: {} });
    assert.ok(Object.isFrozen(config));
    assert.throws(() => {
      (config as { debug: boolean }).debug = true;
    }, TypeError);
  });
});

test('MARKUP demo is kept as a name, any other value is a path resolved against cwd', async () => {
  await withTempDir(async (dir) => {
    assert.equal(loadConfig({ cwd: dir, env: { MARKUP: 'Demo' } }).markup, 'demo');
    assert.equal(
      loadConfig({ cwd: dir, env: { MARKUP: 'markers/mine.ts' } }).markup,
      join(dir, 'markers/mine.ts'),
    );
    assert.equal(loadConfig({ cwd: dir, env: { MARKUP: '/opt/m.js' } }).markup, '/opt/m.js');
  });
});

test('.env.example documents every variable and loads to the defaults', async () => {
  const example = join(import.meta.dirname, '..', '..', '.env.example');
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(example, 'utf8');
  for (const name of ENV_VARIABLES)
    assert.match(text, new RegExp(`^#? ?${name}=`, 'm'), `${name} is documented`);
  await withTempDir(async (dir) => {
    const { envFile, ...config } = loadConfig({ cwd: dir, envFile: example, env: {} });
    assert.equal(envFile, example);
    assert.deepEqual(config, loadConfig({ cwd: dir, env: {} }));
  });
});
