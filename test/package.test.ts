// The package as a user gets it: `npm pack` of the built dist, installed from the tarball into a
// fresh folder (dependencies from the local npm cache), then imported through every entry of its
// exports map, type-checked from TypeScript, and run through its bin.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, assertBuilt } from './support/cli.js';

const run = promisify(execFile);
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface PackedFile {
  path: string;
}
interface Manifest {
  name: string;
  dependencies: Record<string, string>;
  bin: Record<string, string>;
  exports: Record<string, string | { types?: string; default?: string; import?: string }>;
  types: string;
}

let dir = '';
let files: string[] = [];
let manifest: Manifest;
/** The installed package's folder. */
let installed = '';

// The four checks share the installed package and read it only: they run side by side.
describe('the packed package', { concurrency: true }, () => {
  before(async () => {
    assertBuilt();
    dir = await mkdtemp(join(tmpdir(), 'readable-package-'));
    // Scripts off: `prepare` would rebuild dist under the other tests that run it; dist is fresh here.
    const packed = await run(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
      cwd: ROOT,
    });
    const [info] = JSON.parse(packed.stdout) as [{ filename: string; files: PackedFile[] }];
    files = info.files.map((f) => f.path);
    await writeFile(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'smoke', private: true, type: 'module' }),
    );
    // From the npm cache `npm ci` filled (no network); --prefer-offline only if something is missing.
    const install = (mode: string) =>
      run(
        NPM,
        [
          'install',
          mode,
          '--no-audit',
          '--no-fund',
          '--no-package-lock',
          '--loglevel=error',
          `./${info.filename}`,
        ],
        { cwd: dir },
      );
    await install('--offline').catch(() => install('--prefer-offline'));
    manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as Manifest;
    installed = join(dir, 'node_modules', manifest.name);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('the tarball holds the built code, the schema, the demo data and nothing from src or test', () => {
    for (const file of ['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/index.js'])
      assert.ok(files.includes(file), `${file} is missing from the tarball`);
    assert.ok(files.includes('schema/essay.schema.json'));
    assert.ok(files.includes('data/demo/index.json'));
    const stray = files.filter(
      (f) => !/^(dist|schema|data)\//.test(f) && !/^(package\.json|README\.md|LICENSE)$/.test(f),
    );
    assert.deepEqual(stray, []);
  });

  test('every entry of the exports map imports in the installed package, with its types', async () => {
    const specifiers = Object.keys(manifest.exports).map((key) =>
      key === '.' ? manifest.name : `${manifest.name}${key.slice(1)}`,
    );
    const script = `
      const out = {};
      for (const spec of ${JSON.stringify(specifiers)}) {
        const mod = spec.endsWith('.json')
          ? await import(spec, { with: { type: 'json' } })
          : await import(spec);
        out[spec] = Object.keys(mod).sort();
      }
      console.log(JSON.stringify(out));`;
    await writeFile(join(dir, 'imports.mjs'), script);
    const { stdout } = await run(process.execPath, ['imports.mjs'], { cwd: dir });
    const names = JSON.parse(stdout) as Record<string, string[]>;
    for (const spec of specifiers) assert.ok((names[spec]?.length ?? 0) > 0, `${spec} exports nothing`);
    const expected: Record<string, string[]> = {
      '': ['Essay', 'Session', 'Marker', 'createMarkup', 'loadConfig', 'createLogger', 'SocketIoConnector'],
      '/platform': ['startPlatform', 'PlatformEvent', 'Dataset'],
      '/scoring': ['scorePsr', 'computeCriteria', 'formatPsrExplanation', 'formatCriteriaExplanation'],
      '/protocol': ['ServerEvent', 'ClientEvent', 'checkStartRequest'],
    };
    for (const [entry, list] of Object.entries(expected))
      for (const name of list)
        assert.ok(
          names[`${manifest.name}${entry}`]?.includes(name),
          `${manifest.name}${entry} does not export ${name}`,
        );

    // A deliberate API: each name one way only, no namespaces, no test seams or CLI pieces.
    const code = specifiers.filter((spec) => !spec.endsWith('.json'));
    const owner = new Map<string, string>();
    for (const spec of code) {
      for (const name of names[spec] ?? []) {
        assert.equal(
          owner.get(name),
          undefined,
          `${name} is exported by both ${owner.get(name)} and ${spec}`,
        );
        owner.set(name, spec);
      }
    }
    for (const name of ['platform', 'scoring', 'protocol', 'criteria', 'psr', 'catalogue'])
      assert.ok(!owner.has(name), `${name} is a namespace export`);
    for (const name of ['ManualClock', 'runSession', 'attachProgress', 'formatSummary', 'writeFileAtomic'])
      assert.ok(!owner.has(name), `${name} is not part of the public API`);

    // A strict TypeScript consumer resolves the same specifiers to declarations.
    const consumer = code
      .map((spec, i) => `import * as m${i} from '${spec}';\nexport const k${i} = Object.keys(m${i});`)
      .join('\n');
    await writeFile(
      join(dir, 'consumer.mts'),
      `${consumer}\nimport { Essay } from '${manifest.name}';\nexport type E = Essay;\n`,
    );
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const types = join(ROOT, 'node_modules', '@types');
    await run(
      process.execPath,
      [
        tsc,
        '--noEmit',
        '--strict',
        '--module',
        'nodenext',
        '--skipLibCheck',
        '--typeRoots',
        types,
        'consumer.mts',
      ],
      { cwd: dir },
    ).catch((error: { stdout?: string }) =>
      assert.fail(`the consumer does not type-check:\n${error.stdout}`),
    );
  });

  test('the bin runs: readable --help and readable essay codes rus', async () => {
    const bin = join(dir, 'node_modules', '.bin', Object.keys(manifest.bin)[0] ?? 'readable');
    const help = await run(bin, ['--help'], { cwd: dir });
    assert.match(help.stdout, /^Usage: readable \[options\] \[command\]/);
    for (const command of ['session', 'platform', 'calc', 'essay'])
      assert.match(help.stdout, new RegExp(`\\n  ${command} `));
    const version = await run(bin, ['--version'], { cwd: dir });
    assert.equal(
      version.stdout.trim(),
      JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')).version,
    );
    const codes = await run(bin, ['essay', 'codes', 'rus'], { cwd: dir });
    assert.match(codes.stdout, /^rus: Russian/);
    assert.match(codes.stdout, /проблема\s+K1/);
  });

  test('dependencies are exactly the packages the shipped code imports', async () => {
    const imported = new Set<string>();
    for (const entry of await readdir(join(installed, 'dist'), { recursive: true })) {
      if (!entry.endsWith('.js')) continue;
      const code = await readFile(join(installed, 'dist', entry), 'utf8');
      // Static and dynamic imports, require('x') and createRequire(import.meta.url)('x').
      for (const m of code.matchAll(/(?:from\s*|import\(\s*|require\(\s*|\)\(\s*)'([^'.][^']*)'/g)) {
        const spec = m[1] ?? '';
        if (spec.startsWith('node:')) continue;
        imported.add(
          spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec),
        );
      }
    }
    assert.deepEqual([...imported].sort(), Object.keys(manifest.dependencies).sort());
  });
});
