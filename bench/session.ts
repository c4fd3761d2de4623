// Session client benchmark against the real local platform on loopback: overhead per file and
// throughput of a 1000-file burst with atomic saves (at the default durability and at `atomic`),
// memory, deadline hits.
// Run: node --import tsx bench/session.ts (or `npm run bench` for every benchmark).
// BENCH_PLATFORM=in-process runs the platform in this process instead of a child process.
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Marker } from '../src/markup/index.js';
import type { Markup } from '../src/markup/index.js';
import { ClientEvent, ServerEvent } from '../src/protocol/index.js';
import {
  FileOutgoingStore,
  JournalOutgoingStore,
  OUTGOING_JOURNAL,
  Session,
  createConnector,
} from '../src/session/index.js';
import type { Durability, SessionOptions, StartOptions } from '../src/session/index.js';
import { launchPlatform } from './local-platform.js';
import type { BenchPlatformOptions } from './local-platform.js';
import { clearReceived, takeReceived, wireClock } from './wire-clock.js';

const TOKEN = 'bench-token-0123456789abcdef';
const noop: Markup = { name: 'noop', markup: async (essay) => essay };
const DEMO_DIR = join(import.meta.dirname, '..', 'data', 'demo');

export interface Figure {
  name: string;
  target: string;
  measured: number;
  unit: string;
  /** `undefined` for a figure that is only reported. */
  pass?: boolean;
  /** The session's durability level, for the figures measured at more than one. */
  durability?: Durability;
}

/** The default level, and `atomic`: the target's literal "atomic saves of input and output". */
const DEFAULT_DURABILITY: Durability = 'fsync-input';
const VARIANTS: readonly Durability[] = [DEFAULT_DURABILITY, 'atomic'];

const label = (durability: Durability) =>
  durability === DEFAULT_DURABILITY ? `[${durability}, default]` : `[${durability}]`;

/** ~10 KB of UTF-8: Cyrillic takes two bytes a character. */
const TEN_KB_CHARS = 5000;
const BURST = 1000;

function essay(id: string, chars: number): Record<string, unknown> {
  const sentence = 'Автор поднимает важную проблему, и с ним трудно не согласиться. ';
  return {
    meta: { id, subject: 'rus', theme: 'Тема', taskText: '', class: '11', year: 2024 },
    text: sentence.repeat(Math.ceil(chars / sentence.length)).slice(0, chars),
    selections: [],
  };
}

/**
The benchmark's dataset: 1000 generated 10 KB essays in `train` (rus), and the shipped demo
essays (both languages, relabelled `test`) for the deadline run, where real essays fit.
*/
async function writeDataset(dir: string): Promise<void> {
  await mkdir(join(dir, 'train'), { recursive: true });
  await mkdir(join(dir, 'test'), { recursive: true });
  const index: Array<Record<string, unknown>> = [];
  for (let i = 0; i < BURST; i++) {
    const id = String(100000 + i);
    await writeFile(join(dir, 'train', `${id}.json`), JSON.stringify(essay(id, TEN_KB_CHARS)));
    index.push({ id, split: 'train', subject: 'rus', lang: 'rus', words: 800, experts: 0 });
  }
  const demo = JSON.parse(await readFile(join(DEMO_DIR, 'index.json'), 'utf8')) as Array<{
    id: string;
    split: string;
    subject: string;
    lang: string;
    words: number;
  }>;
  for (const e of demo) {
    await copyFile(join(DEMO_DIR, e.split, `${e.id}.json`), join(dir, 'test', `${e.id}.json`));
    index.push({ id: e.id, split: 'test', subject: e.subject, lang: e.lang, words: e.words, experts: 0 });
  }
  await writeFile(join(dir, 'index.json'), JSON.stringify(index));
}

/** BENCH_OUTGOING=file|journal forces an outgoing store, to compare them; unset: the session's default. */
function outgoingOverride(): Partial<SessionOptions> {
  const kind = process.env.BENCH_OUTGOING;
  if (kind === 'file') return { outgoingStore: (dir) => new FileOutgoingStore(join(dir, 'outgoing')) };
  if (kind === 'journal')
    return { outgoingStore: (dir) => new JournalOutgoingStore(join(dir, OUTGOING_JOURNAL)) };
  return {};
}

function session(port: number, filesDir: string, markup: Markup, extra: Partial<SessionOptions> = {}) {
  const connector = createConnector('socket.io-v2', { host: `http://127.0.0.1:${port}`, token: TOKEN });
  return new Session({
    connector,
    marker: new Marker(markup),
    filesDir,
    concurrency: 8,
    ...outgoingOverride(),
    ...extra,
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

interface Run {
  root: string;
  /** Where the platform runs for every measurement. */
  placement: 'child' | 'in-process';
}

async function platformFor(run: Run, name: string, options: Partial<BenchPlatformOptions>) {
  return launchPlatform(
    {
      dataDir: join(run.root, `platform-${name}`),
      datasetDir: join(run.root, 'ds'),
      tokens: [TOKEN],
      timeScale: 1,
      timeoutCloseSec: 1e6,
      ...options,
    },
    run.placement,
  );
}

/**
The floor under the overhead figure: a bare socket.io-client 2 that answers each file with its
own content, measured the same way (packet handed to listeners → emit returned).
*/
async function bareEcho(run: Run): Promise<Figure> {
  const count = 300;
  const platform = await platformFor(run, 'echo', { timeScale: 0.001 });
  // socket.io-client 2 is CommonJS without types; only connect/on/emit/close are used.
  const io = createRequire(import.meta.url)('socket.io-client') as (
    url: string,
    options: object,
  ) => {
    on(event: string, listener: (payload: never) => void): void;
    emit(event: string, payload?: unknown): void;
    close(): void;
  };
  const socket = io(`http://127.0.0.1:${platform.port}/pku`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    query: { token: TOKEN, version: '2' },
  });
  const overheadMs: number[] = [];
  const ended = platform.nextEnd();
  socket.on(
    ServerEvent.fileAvailable,
    (p: { sessionId: number; fileId: string; content: Record<string, unknown> }) => {
      socket.emit(ClientEvent.fileSend, {
        sessionId: p.sessionId,
        fileId: p.fileId,
        content: JSON.stringify(p.content),
      });
      const start = takeReceived(p.fileId);
      if (start !== undefined) overheadMs.push(Number(process.hrtime.bigint() - start) / 1e6);
    },
  );
  socket.on('connect', () =>
    socket.emit(ClientEvent.start, {
      type: 'algorithmic',
      params: { dsType: 'train', lang: 'rus', countFiles: count, time: 10 },
    }),
  );
  await ended;
  socket.close();
  await platform.close();
  overheadMs.sort((a, b) => a - b);
  return {
    name: 'bare echo client, same measurement (floor), p50',
    target: '(reference)',
    measured: percentile(overheadMs, 50),
    unit: 'ms',
  };
}

/**
Overhead per file and RSS: the platform pushes one file every 10 ms, so files do not queue. At
the default durability every figure; at another level only the overhead (`full` false).
*/
async function overheadAndMemory(run: Run, durability: Durability, full: boolean): Promise<Figure[]> {
  const count = BURST;
  const timeScale = 0.001;
  const platform = await platformFor(run, `overhead-${durability}`, { timeScale });
  const s = session(platform.port, join(run.root, `files-a-${durability}`), noop, {
    timeScale,
    safetyMargin: { minMs: 0 },
    durability,
  });
  const overheadMs: number[] = [];
  let rss100 = 0;
  let rss1000 = 0;
  let accepted = 0;
  // Where the time goes: wire → session saw it → input on disk → markup decided → emitted.
  const marks = new Map<string, bigint[]>();
  const stage = (fileId: string) => marks.get(fileId)?.push(process.hrtime.bigint());
  const stages: number[][] = [[], [], [], []];
  s.on('file-received', ({ fileId, hr }) => marks.set(fileId, [hr]));
  s.on('file-saved', ({ fileId }) => stage(fileId));
  s.on('file-marked', ({ fileId }) => stage(fileId));
  s.on('file-sent', ({ fileId, hr }) => {
    const start = takeReceived(fileId);
    if (start === undefined) return;
    overheadMs.push(Number(hr - start) / 1e6);
    const [received, saved, marked] = marks.get(fileId) ?? [];
    marks.delete(fileId);
    if (received === undefined || saved === undefined || marked === undefined) return;
    [start, received, saved, marked, hr].forEach((t, i, all) => {
      if (i > 0) stages[i - 1]!.push(Number(t - all[i - 1]!) / 1e6);
    });
  });
  s.on('file-accepted', () => {
    accepted += 1;
    if (accepted === 100) rss100 = process.memoryUsage().rss;
    if (accepted === count) rss1000 = process.memoryUsage().rss;
  });
  const ended = platform.nextEnd();
  await s.start({ count, time: 10, dataset: 'train', lang: 'rus' });
  const summary = await s.done;
  const totals = await ended;
  await platform.close();
  overheadMs.sort((a, b) => a - b);
  const p50 = percentile(overheadMs, 50);
  const ratio = rss1000 / rss100;
  const tag = label(durability);
  const overhead: Figure[] = [
    {
      name: `overhead per file p50 (receive → emit, 10 KB, no-op markup) ${tag}`,
      target: '<= 2 ms',
      measured: p50,
      unit: 'ms',
      pass: p50 <= 2,
      durability,
    },
    {
      name: `overhead per file p99 ${tag}`,
      target: '(report)',
      measured: percentile(overheadMs, 99),
      unit: 'ms',
      durability,
    },
  ];
  const allAccepted: Figure = {
    name: `files accepted (1000 pushed, one every 10 ms) ${tag}`,
    target: `${count}`,
    measured: summary.accepted.length,
    unit: 'files',
    pass: summary.accepted.length === count,
    durability,
  };
  if (!full) return [...overhead, allAccepted];
  return [
    ...overhead,
    ...[
      'wire → session event',
      durability === 'atomic' ? 'input saved' : 'input saved (fsync)',
      'markup + strict check',
      'output + outgoing + emit',
    ].map((what, i) => ({
      name: `  of which ${what}, p50`,
      target: '(report)',
      measured: percentile(
        stages[i]!.sort((a, b) => a - b),
        50,
      ),
      unit: 'ms',
    })),
    allAccepted,
    {
      name: 'of which on time by the platform (10 ms deadlines)',
      target: '(report)',
      measured: totals.onTime,
      unit: 'files',
    },
    { name: 'RSS after 100 files', target: '(report)', measured: rss100 / 2 ** 20, unit: 'MiB' },
    { name: 'RSS after 1000 files', target: '(report)', measured: rss1000 / 2 ** 20, unit: 'MiB' },
    { name: 'RSS(1000) / RSS(100)', target: '<= 1.1', measured: ratio, unit: '×', pass: ratio <= 1.1 },
  ];
}

/** The platform pushes 1000 files at once; instant markup; every input and output saved atomically. */
async function throughput(run: Run, durability: Durability): Promise<Figure[]> {
  const platform = await platformFor(run, `burst-${durability}`, { pushIntervalSec: 0 });
  const s = session(platform.port, join(run.root, `files-b-${durability}`), noop, { durability });
  let first: bigint | undefined;
  let lastReceived = 0n;
  let lastSent = 0n;
  let lastAccepted = 0n;
  s.on('file-sent', ({ fileId, hr }) => {
    const received = takeReceived(fileId);
    if (received !== undefined && (first === undefined || received < first)) first = received;
    if (received !== undefined && received > lastReceived) lastReceived = received;
    lastSent = hr;
  });
  s.on('file-accepted', () => (lastAccepted = process.hrtime.bigint()));
  const ended = platform.nextEnd();
  await s.start({ count: BURST, time: 60, dataset: 'train', lang: 'rus' } satisfies StartOptions);
  const summary = await s.done;
  const totals = await ended;
  await platform.close();
  const sentRate = summary.sent.length / (Number(lastSent - (first ?? 0n)) / 1e9);
  const ackRate = summary.accepted.length / (Number(lastAccepted - (first ?? 0n)) / 1e9);
  const all = summary.accepted.length === BURST && totals.onTime === BURST;
  const tag = label(durability);
  return [
    {
      name: `1000-file burst: first receive → last send ${tag}`,
      target: '>= 1000 files/s',
      measured: sentRate,
      unit: 'files/s',
      pass: sentRate >= 1000 && all,
      durability,
    },
    {
      name: `  of which the platform took to push them all (first → last receive) ${tag}`,
      target: '(report)',
      measured: Number(lastReceived - (first ?? 0n)) / 1e6,
      unit: 'ms',
      durability,
    },
    {
      name: `1000-file burst: first receive → last platform ack ${tag}`,
      target: '(report)',
      measured: ackRate,
      unit: 'files/s',
      durability,
    },
  ];
}

/** Markup takes 0.8 × the deadline while the platform pushes a file every 0.5 × the deadline. */
async function deadlines(run: Run): Promise<Figure[]> {
  const deadlineMs = 200;
  // 10 s per file × 0.02 = 200 ms; a push every 5 s × 0.02 = 100 ms.
  const timeScale = deadlineMs / 10_000;
  const platform = await platformFor(run, 'deadline', { timeScale, pushIntervalSec: 5 });
  const slow: Markup = {
    name: 'slow',
    markup: (e) => new Promise((resolve) => setTimeout(() => resolve(e), deadlineMs * 0.8)),
  };
  const s = session(platform.port, join(run.root, 'files-c'), slow, { timeScale });
  const ended = platform.nextEnd();
  // The demo essays (rus), relabelled `test` in the benchmark's dataset.
  await s.start({ count: 30, time: 10, dataset: 'test', lang: 'rus' });
  const summary = await s.done;
  const totals = await ended;
  await platform.close();
  const share = (100 * totals.onTime) / totals.pushed;
  return [
    {
      name: `deadline hits (markup 0.8×, pushes every 0.5× the deadline; ${totals.pushed} demo essays)`,
      target: '100 %',
      measured: share,
      unit: '%',
      pass: share === 100,
    },
    {
      name: 'of which sent unmarked by the deadline policy',
      target: '0',
      measured: summary.unmarked.length,
      unit: 'files',
      pass: summary.unmarked.length === 0,
    },
  ];
}

export async function benchSession(): Promise<{
  placement: string;
  outgoingStore: string;
  figures: Figure[];
}> {
  wireClock();
  const root = await mkdtemp(join(tmpdir(), 'readable-bench-session-'));
  const run: Run = {
    root,
    placement: process.env.BENCH_PLATFORM === 'in-process' ? 'in-process' : 'child',
  };
  try {
    await writeDataset(join(root, 'ds'));
    // BENCH_ONLY=overhead,echo,burst,deadline picks measurements (e.g. to profile one).
    const only = process.env.BENCH_ONLY?.split(',');
    // BENCH_DURABILITY=atomic (or a list) measures overhead and burst at those levels only.
    const levels = (process.env.BENCH_DURABILITY?.split(',') as Durability[] | undefined) ?? VARIANTS;
    const runs: Array<[string, (run: Run) => Promise<Figure | Figure[]>]> = [
      ...levels.map((d): [string, (run: Run) => Promise<Figure[]>] => [
        'overhead',
        (r) => overheadAndMemory(r, d, d === levels[0]),
      ]),
      ['echo', bareEcho],
      ...levels.map((d): [string, (run: Run) => Promise<Figure[]>] => ['burst', (r) => throughput(r, d)]),
      ['deadline', deadlines],
    ];
    const figures: Figure[] = [];
    for (const [name, measure] of runs)
      if (!only || only.includes(name)) figures.push(...[await measure(run)].flat());
    clearReceived();
    return { placement: run.placement, outgoingStore: process.env.BENCH_OUTGOING ?? 'journal', figures };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export function formatFigures(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.name,
    f.target,
    `${f.measured.toFixed(f.measured >= 100 ? 0 : 2)} ${f.unit}`,
    f.pass === undefined ? '' : f.pass ? 'PASS' : 'MISS',
  ]);
  const head = ['benchmark', 'target', 'measured', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { placement, figures } = await benchSession();
  console.log(`platform: ${placement}`);
  console.log(formatFigures(figures));
}
