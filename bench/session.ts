// Session client benchmark: overhead per file, throughput with atomic saves, memory, deadline hits.
// Run: node --import tsx bench/session.ts (or `npm run bench` for every benchmark).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Marker } from '../src/markup/index.js';
import type { Markup } from '../src/markup/index.js';
import { startPlatform } from '../src/platform/index.js';
import { Session, createConnector } from '../src/session/index.js';
import type { SessionOptions } from '../src/session/index.js';
import { forkBurstServer } from './session-burst-server.js';

const TOKEN = 'bench-token-0123456789abcdef';
const noop: Markup = { name: 'noop', markup: async (essay) => essay };

export interface Figure {
  name: string;
  target: string;
  measured: number;
  unit: string;
  ok: boolean;
}

function essay(id: string, chars: number): Record<string, unknown> {
  const sentence = 'Автор поднимает важную проблему, и с ним трудно не согласиться. ';
  return {
    meta: { id, subject: 'rus', theme: 'Тема', taskText: '', class: '11', year: 2024 },
    text: sentence.repeat(Math.ceil(chars / sentence.length)).slice(0, chars),
    selections: [],
  };
}

/** ~10 KB of UTF-8: Cyrillic takes two bytes a character. */
const TEN_KB_CHARS = 5000;

async function dataset(
  dir: string,
  count: number,
): Promise<Array<{ fileId: string; content: Record<string, unknown> }>> {
  await mkdir(join(dir, 'train'), { recursive: true });
  const essays = Array.from({ length: count }, (_, i) => {
    const fileId = String(100000 + i);
    return { fileId, content: essay(fileId, TEN_KB_CHARS) };
  });
  await Promise.all(
    essays.map((e) => writeFile(join(dir, 'train', `${e.fileId}.json`), JSON.stringify(e.content))),
  );
  await writeFile(
    join(dir, 'index.json'),
    JSON.stringify(
      essays.map((e) => ({
        id: e.fileId,
        split: 'train',
        subject: 'rus',
        lang: 'rus',
        words: 800,
        experts: 0,
      })),
    ),
  );
  return essays;
}

function session(
  host: string,
  filesDir: string,
  markup: Markup,
  extra: Partial<SessionOptions> = {},
): Session {
  const connector = createConnector('socket.io-v2', { host, token: TOKEN });
  return new Session({ connector, marker: new Marker(markup), filesDir, concurrency: 8, ...extra });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Overhead per file and RSS, against the local platform pushing one file per interval. */
async function overheadAndMemory(root: string): Promise<Figure[]> {
  const count = 1000;
  await dataset(join(root, 'ds'), count);
  // 10 s × 0.001 = 10 ms between pushes: files do not queue behind each other.
  const timeScale = 0.001;
  const platform = await startPlatform({
    dataDir: join(root, 'pf'),
    datasetDir: join(root, 'ds'),
    tokens: [TOKEN],
    timeScale,
    timeoutCloseSec: 1e6,
  });
  const s = session(`http://127.0.0.1:${platform.port}`, join(root, 'files-a'), noop, {
    timeScale,
    safetyMargin: { minMs: 0 },
  });
  const received = new Map<string, bigint>();
  const overheadMs: number[] = [];
  let rss100 = 0;
  let rss1000 = 0;
  let accepted = 0;
  s.on('file-received', ({ fileId, hr }) => received.set(fileId, hr));
  s.on('file-sent', ({ fileId, hr }) => {
    const start = received.get(fileId);
    if (start !== undefined) overheadMs.push(Number(hr - start) / 1e6);
  });
  s.on('file-accepted', () => {
    accepted += 1;
    if (accepted === 100) rss100 = process.memoryUsage().rss;
    if (accepted === count) rss1000 = process.memoryUsage().rss;
  });
  await s.start({ count, time: 10, dataset: 'train', lang: 'rus' });
  const summary = await s.done;
  await platform.close();
  overheadMs.sort((a, b) => a - b);
  const p50 = percentile(overheadMs, 50);
  const p99 = percentile(overheadMs, 99);
  const ratio = rss1000 / rss100;
  return [
    {
      name: 'overhead per file p50 (10 KB, no-op markup, atomic saves)',
      target: '<= 2 ms',
      measured: p50,
      unit: 'ms',
      ok: p50 <= 2,
    },
    { name: 'overhead per file p99', target: '(report)', measured: p99, unit: 'ms', ok: true },
    {
      name: 'files accepted (local platform, 1000 pushed)',
      target: '1000',
      measured: summary.accepted.length,
      unit: 'files',
      ok: summary.accepted.length === count,
    },
    { name: 'RSS after 100 files', target: '(report)', measured: rss100 / 2 ** 20, unit: 'MiB', ok: true },
    {
      name: 'RSS after 1000 files',
      target: '<= 1.1 × RSS(100)',
      measured: rss1000 / 2 ** 20,
      unit: 'MiB',
      ok: ratio <= 1.1,
    },
    { name: 'RSS(1000) / RSS(100)', target: '<= 1.1', measured: ratio, unit: '×', ok: ratio <= 1.1 },
  ];
}

/** 1000 files pushed at once, instant markup, every input and output saved atomically. */
async function throughput(root: string): Promise<Figure[]> {
  const count = 1000;
  const essays = Array.from({ length: count }, (_, i) => ({
    fileId: String(200000 + i),
    content: essay(String(200000 + i), TEN_KB_CHARS),
  }));
  const server = await forkBurstServer({ token: TOKEN, essays, intervalMs: 0, deadlineMs: 60_000 });
  const s = session(`http://127.0.0.1:${server.port}`, join(root, 'files-b'), noop);
  let first = 0n;
  let last = 0n;
  s.on('file-received', ({ hr }) => (first ||= hr));
  s.on('file-accepted', () => (last = process.hrtime.bigint()));
  await s.start({ count, time: 60 });
  const summary = await s.done;
  await server.close();
  const seconds = Number(last - first) / 1e9;
  const rate = summary.accepted.length / seconds;
  return [
    {
      name: 'throughput, 1000-file burst, instant markup',
      target: '>= 1000 files/s',
      measured: rate,
      unit: 'files/s',
      ok: rate >= 1000 && summary.accepted.length === count,
    },
  ];
}

/** Markup takes 0.8 × the deadline while files arrive every 0.5 × the deadline. */
async function deadlines(root: string): Promise<Figure[]> {
  const count = 50;
  const deadlineMs = 200;
  const essays = Array.from({ length: count }, (_, i) => ({
    fileId: String(300000 + i),
    content: essay(String(300000 + i), TEN_KB_CHARS),
  }));
  const server = await forkBurstServer({ token: TOKEN, essays, intervalMs: deadlineMs / 2, deadlineMs });
  const slow: Markup = {
    name: 'slow',
    markup: (e) => new Promise((resolve) => setTimeout(() => resolve(e), deadlineMs * 0.8)),
  };
  // The client's deadline is time × 1000 × timeScale: 10 s × 0.02 = 200 ms.
  const s = session(`http://127.0.0.1:${server.port}`, join(root, 'files-c'), slow, {
    timeScale: deadlineMs / 10_000,
  });
  await s.start({ count: 10, time: 10 });
  const summary = await s.done;
  const { onTime } = await server.stats();
  await server.close();
  const share = (100 * onTime) / count;
  return [
    {
      name: 'deadline hits (markup 0.8 × deadline, arrivals every 0.5 × deadline)',
      target: '100 %',
      measured: share,
      unit: '%',
      ok: share === 100,
    },
    {
      name: 'of which sent unmarked by the deadline policy',
      target: '0',
      measured: summary.unmarked.length,
      unit: 'files',
      ok: summary.unmarked.length === 0,
    },
  ];
}

export async function benchSession(): Promise<Figure[]> {
  const root = await mkdtemp(join(tmpdir(), 'readable-bench-session-'));
  try {
    return [...(await overheadAndMemory(root)), ...(await throughput(root)), ...(await deadlines(root))];
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export function formatFigures(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.name,
    f.target,
    `${f.measured.toFixed(f.measured >= 100 ? 0 : 2)} ${f.unit}`,
    f.ok ? 'ok' : 'MISSED',
  ]);
  const widths = [0, 1, 2, 3].map((i) =>
    Math.max(...rows.map((r) => r[i]!.length), ['benchmark', 'target', 'measured', ''][i]!.length),
  );
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(['benchmark', 'target', 'measured', '']), ...rows.map(line)].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(formatFigures(await benchSession()));
}
