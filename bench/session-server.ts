// The session client as the platform sees it: a Socket.IO 2 server speaking our protocol takes
// its timestamps in its own process, from the push of `session-file-available` to the arrival of
// the matching `session-file-send`. Each client runs in a process of its own (bench/session-client.ts):
// a bare echo client (the floor), ours at the default durability and ours at `atomic`, in
// interleaved rounds. Each round: FILES files one every PACE_MS ms, then FILES pushed at once.
// Run alone: node --import tsx bench/session-server.ts (or `npm run bench`).
// BENCH_FILES, BENCH_ROUNDS and BENCH_PACE_MS change the sizes; BENCH_CPU_PROF=dir profiles each client;
// BENCH_TMP=dir puts the files elsewhere (/dev/shm: the same run without the disk's costs);
// BENCH_BASELINE=dir adds the session client of another checkout (an older commit) to the rounds.
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFileAtomic } from '../src/fs/index.js';
import { createIoServer } from '../src/platform/io-types.js';
import type { IoSocket } from '../src/platform/io-types.js';
import { ClientEvent, NAMESPACE, ServerEvent } from '../src/protocol/index.js';
import type { ClientKind, ClientReport } from './session-client.js';

const FILES = Number(process.env.BENCH_FILES ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PACE_MS = Number(process.env.BENCH_PACE_MS ?? 10);
const TOKEN = 'bench-server-token-0123456789';
const PROFILE_DIR = process.env.BENCH_CPU_PROF;

interface Contender {
  name: string;
  kind: ClientKind;
  durability: 'atomic' | 'fsync-input';
  /** The checkout whose bench/session-client.ts (and src/) runs: this one unless a baseline. */
  root?: string;
}

/** BENCH_BASELINE=dir: another checkout of the project (an older commit), measured in the same interleaved rounds. */
const BASELINE = process.env.BENCH_BASELINE;

const CONTENDERS: readonly Contender[] = [
  { name: 'echo (floor)', kind: 'echo', durability: 'atomic' },
  { name: 'ours [fsync-input, default]', kind: 'ours', durability: 'fsync-input' },
  { name: 'ours [atomic]', kind: 'ours', durability: 'atomic' },
  ...(BASELINE === undefined
    ? []
    : ([
        { name: 'baseline [fsync-input]', kind: 'ours', durability: 'fsync-input', root: BASELINE },
        { name: 'baseline [atomic]', kind: 'ours', durability: 'atomic', root: BASELINE },
      ] satisfies Contender[])),
];

/** ~10 KB of UTF-8 (Cyrillic takes two bytes a character). */
function essay(id: string): Record<string, unknown> {
  const sentence = 'Автор поднимает важную проблему, и с ним трудно не согласиться. ';
  return {
    meta: { id, subject: 'rus', theme: 'Тема', taskText: '', class: '11', year: 2024 },
    text: sentence.repeat(Math.ceil(5000 / sentence.length)).slice(0, 5000),
    selections: [],
  };
}

interface Phase {
  /** Push → answer, ms, in push order. */
  latencies: number[];
  /** First push → last answer, ms. */
  spanMs: number;
}

interface RunResult {
  paced: Phase;
  burst: Phase;
  cpuMs: number;
  rss100?: number;
  rss1000?: number;
}

const ms = (from: bigint, to: bigint) => Number(to - from) / 1e6;

/**
A minimal platform: one session per connection; `session-start` → pushes `FILES` files paced,
then `FILES` more at once, answering every `session-file-send`; then `session-close` and an
answer to `logs-send`. Timestamps are taken where the packets are handed to / arrive from
socket.io, in this process.
*/
async function startServer() {
  const http = createServer();
  const io = createIoServer(http, {
    transports: ['websocket'],
    pingInterval: 10_000,
    pingTimeout: 60_000,
    maxHttpBufferSize: 10_000_000,
    serveClient: false,
    cookie: false,
    allowRequest: (_req, callback) => callback(null, true),
  });
  let onSession: ((socket: IoSocket) => void) | undefined;
  io.of(NAMESPACE).on('connection', (socket) => onSession?.(socket));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    /** Serves the next connection's session; resolves with its timings. */
    serve(): Promise<{ paced: Phase; burst: Phase }> {
      return new Promise((resolve) => {
        onSession = (socket) => {
          const sessionId = 1;
          const pushedAt = new Map<string, bigint>();
          const answeredAt = new Map<string, bigint>();
          let wake: (() => void) | undefined;
          socket.on(ClientEvent.fileSend, (payload) => {
            const at = process.hrtime.bigint();
            const { fileId } = payload as { fileId: string };
            answeredAt.set(fileId, at);
            socket.emit(ServerEvent.fileSendSuccess, { sessionId, fileId });
            if (answeredAt.size === pushedAt.size) wake?.();
          });
          socket.on(ClientEvent.logsSend, () => socket.emit(ServerEvent.logsSendSuccess, {}));
          const push = (fileId: string) => {
            pushedAt.set(fileId, process.hrtime.bigint());
            socket.emit(ServerEvent.fileAvailable, { sessionId, fileId, content: essay(fileId) });
          };
          const allAnswered = () =>
            new Promise<void>((done) => {
              if (answeredAt.size === pushedAt.size) return done();
              wake = done;
            });
          const phase = (ids: string[]): Phase => {
            const latencies = ids.map((id) => ms(pushedAt.get(id)!, answeredAt.get(id)!));
            const first = pushedAt.get(ids[0]!)!;
            const last = ids.reduce(
              (max, id) => (answeredAt.get(id)! > max ? answeredAt.get(id)! : max),
              first,
            );
            return { latencies, spanMs: ms(first, last) };
          };
          socket.on(ClientEvent.start, () => {
            socket.emit(ServerEvent.startSuccess, { sessionId });
            void (async () => {
              const paced = Array.from({ length: FILES }, (_, i) => String(100000 + i));
              for (const id of paced) {
                push(id);
                await new Promise((r) => setTimeout(r, PACE_MS));
              }
              await allAnswered();
              const burst = Array.from({ length: FILES }, (_, i) => String(200000 + i));
              for (const id of burst) push(id);
              await allAnswered();
              socket.emit(ServerEvent.close, { sessionId, type: 'finish' });
              resolve({ paced: phase(paced), burst: phase(burst) });
            })();
          });
        };
      });
    },
    close: () => new Promise<void>((resolve) => io.close(() => http.close(() => resolve()))),
  };
}

async function runClient(
  server: Awaited<ReturnType<typeof startServer>>,
  contender: Contender,
  root: string,
): Promise<RunResult> {
  const filesDir = await mkdtemp(join(root, 'files-'));
  const timings = server.serve();
  const client =
    contender.root === undefined
      ? join(import.meta.dirname, 'session-client.ts')
      : join(contender.root, 'bench', 'session-client.ts');
  const child = fork(client, [contender.kind, server.url, TOKEN, filesDir, contender.durability], {
    // BENCH_CPU_PROF=dir: a V8 CPU profile of each client, for finding where its time goes.
    execArgv: ['--import', 'tsx', ...(PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const result: Partial<RunResult> = {};
  const done = new Promise<void>((resolve, reject) => {
    child.on('message', (message: ClientReport) => {
      if ('done' in message) {
        result.cpuMs = message.cpuMs;
        resolve();
      } else if (message.answered === 100) result.rss100 = message.rss;
      else result.rss1000 = message.rss;
    });
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${contender.name} exited with ${code}`)),
    );
  });
  const { paced, burst } = await timings;
  await done;
  await new Promise((resolve) =>
    child.exitCode === null ? child.once('exit', resolve) : resolve(undefined),
  );
  await rm(filesDir, { recursive: true, force: true });
  return { paced, burst, cpuMs: result.cpuMs ?? NaN, ...result } as RunResult;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const median = (values: number[]) => percentile(values, 50);

/** Median of a flushed 10 KB atomic write on this disk, now: the allowance of the default durability. */
async function flushedWriteMs(root: string): Promise<number> {
  const text = JSON.stringify(essay('1'));
  const times: number[] = [];
  for (let i = 0; i < 40; i++) {
    const start = process.hrtime.bigint();
    await writeFileAtomic(join(root, 'flush', `${i}.json`), text);
    times.push(ms(start, process.hrtime.bigint()));
  }
  return median(times);
}

export interface ServerSideFigures {
  files: number;
  rounds: number;
  paceMs: number;
  flushedWriteMs: number;
  /** Where the clients wrote their files (the disk's costs are part of the client's). */
  filesRoot: string;
  load: { before: number[]; after: number[] };
  clients: Record<
    string,
    {
      p50: number;
      p99: number;
      cpuPerFileMs: number;
      burstFilesPerSec: number;
      rss100MiB?: number;
      rss1000MiB?: number;
    }
  >;
  targets: Array<{ name: string; target: string; measured: string; pass: boolean }>;
}

export async function benchSessionServer(): Promise<ServerSideFigures> {
  // BENCH_TMP=/dev/shm puts the clients' files on a RAM disk: what the disk costs, told apart from the client.
  const root = await mkdtemp(join(process.env.BENCH_TMP ?? tmpdir(), 'readable-bench-server-'));
  const before = loadavg().map((l) => Number(l.toFixed(2)));
  const server = await startServer();
  const runs = new Map<string, RunResult[]>(CONTENDERS.map((c) => [c.name, []]));
  const flushes: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      // Interleaved, and in a rotated order each round: drift in the machine's load hits everyone.
      const order = CONTENDERS.map((_, i) => CONTENDERS[(i + round) % CONTENDERS.length]!);
      for (const contender of order) runs.get(contender.name)!.push(await runClient(server, contender, root));
      // Measured each round, like the clients: the allowance follows the disk's load too.
      flushes.push(await flushedWriteMs(root));
    }
    const flush = median(flushes);
    const clients: ServerSideFigures['clients'] = {};
    for (const [name, list] of runs) {
      const mib = (b: number | undefined) => (b === undefined ? undefined : Number((b / 2 ** 20).toFixed(1)));
      const rss100 = median(list.map((r) => r.rss100 ?? NaN));
      const rss1000 = median(list.map((r) => r.rss1000 ?? NaN));
      clients[name] = {
        p50: round2(median(list.map((r) => median(r.paced.latencies)))),
        p99: round2(median(list.map((r) => percentile(r.paced.latencies, 99)))),
        cpuPerFileMs: round2(median(list.map((r) => r.cpuMs / (2 * FILES)))),
        burstFilesPerSec: Math.round(median(list.map((r) => (FILES / r.burst.spanMs) * 1000))),
        ...(Number.isFinite(rss100) ? { rss100MiB: mib(rss100) } : {}),
        ...(Number.isFinite(rss1000) ? { rss1000MiB: mib(rss1000) } : {}),
      };
    }
    const floor = clients[CONTENDERS[0]!.name]!;
    const def = clients[CONTENDERS[1]!.name]!;
    const atomic = clients[CONTENDERS[2]!.name]!;
    const targets: ServerSideFigures['targets'] = [
      {
        name: 'push → answer p50 [fsync-input, default]',
        target: `≤ floor + flushed write + 0.5 ms = ${round2(floor.p50 + flush + 0.5)} ms`,
        measured: `${def.p50} ms (floor + ${round2(def.p50 - floor.p50)} ms)`,
        pass: def.p50 <= floor.p50 + flush + 0.5,
      },
      {
        name: 'push → answer p50 [atomic]',
        target: '≤ 1.3 × floor',
        measured: `${atomic.p50} ms = ${round2(atomic.p50 / floor.p50)} × floor`,
        pass: atomic.p50 <= 1.3 * floor.p50,
      },
      {
        name: 'client CPU per file [default]',
        target: '≤ 2 × echo',
        measured: `${def.cpuPerFileMs} ms = ${round2(def.cpuPerFileMs / floor.cpuPerFileMs)} × echo`,
        pass: def.cpuPerFileMs <= 2 * floor.cpuPerFileMs,
      },
      {
        name: `${FILES} pushed at once [default]`,
        target: '≥ 0.7 × floor files/s',
        measured: `${def.burstFilesPerSec} files/s = ${round2(def.burstFilesPerSec / floor.burstFilesPerSec)} × floor`,
        pass: def.burstFilesPerSec >= 0.7 * floor.burstFilesPerSec,
      },
      {
        name: 'RSS(1000) / RSS(100) [default]',
        target: '≤ 1.1',
        measured: `${def.rss1000MiB} / ${def.rss100MiB} MiB = ${round2((def.rss1000MiB ?? NaN) / (def.rss100MiB ?? NaN))}`,
        pass: (def.rss1000MiB ?? Infinity) <= 1.1 * (def.rss100MiB ?? 0),
      },
    ];
    return {
      files: FILES,
      rounds: ROUNDS,
      paceMs: PACE_MS,
      flushedWriteMs: round2(flush),
      filesRoot: process.env.BENCH_TMP ?? tmpdir(),
      load: { before, after: loadavg().map((l) => Number(l.toFixed(2))) },
      clients,
      targets,
    };
  } finally {
    await server.close();
    await rm(root, { recursive: true, force: true });
  }
}

function round2(n: number): number {
  return Number(n.toFixed(2));
}

export function formatServerSide(f: ServerSideFigures): string {
  const lines = [
    `Measured in the server: push of session-file-available → arrival of session-file-send; ${f.rounds} interleaved rounds of ${f.files} files one every ${f.paceMs} ms, then ${f.files} at once; medians over rounds.`,
    `load average before ${f.load.before.join(' ')}, after ${f.load.after.join(' ')}; files in ${f.filesRoot}; one flushed 10 KB atomic write: ${f.flushedWriteMs} ms`,
    `${'client'.padEnd(30)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'CPU/file ms'.padStart(12)} ${'burst files/s'.padStart(14)} ${'RSS100 MiB'.padStart(11)} ${'RSS1000 MiB'.padStart(12)}`,
  ];
  for (const [name, c] of Object.entries(f.clients))
    lines.push(
      `${name.padEnd(30)} ${String(c.p50).padStart(8)} ${String(c.p99).padStart(8)} ${String(c.cpuPerFileMs).padStart(12)} ${String(c.burstFilesPerSec).padStart(14)} ${String(c.rss100MiB ?? '-').padStart(11)} ${String(c.rss1000MiB ?? '-').padStart(12)}`,
    );
  for (const t of f.targets)
    lines.push(`${t.pass ? 'PASS' : 'MISS'}  ${t.name}: ${t.measured} (target ${t.target})`);
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(formatServerSide(await benchSessionServer()));
}
