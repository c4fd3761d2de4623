// One client of the server-side benchmark, in a process of its own so that its CPU time and its
// memory are its own: `echo` (a bare socket.io-client 2 that answers each file with its content,
// the floor) or `ours` (a `Session` with an in-process markup that returns the essay as it is).
// Started by bench/session-server.ts with: kind, url, token, files dir, durability.
import { createRequire } from 'node:module';
import { Marker } from '../src/markup/index.js';
import { ClientEvent, NAMESPACE, ServerEvent } from '../src/protocol/index.js';
import { Session, createConnector } from '../src/session/index.js';
import type { Durability } from '../src/session/index.js';

export type ClientKind = 'echo' | 'ours';

/** What the child tells the bench: memory at 100 and 1000 answers, then its totals. */
export type ClientReport =
  { rss: number; answered: number } | { done: true; cpuMs: number; answered: number; rssMax: number };

interface RawSocket {
  on(event: string, listener: (...args: unknown[]) => void): RawSocket;
  emit(event: string, ...args: unknown[]): RawSocket;
  close(): RawSocket;
}

const [kind, host, token, filesDir, durability] = process.argv.slice(2) as [
  ClientKind,
  string,
  string,
  string,
  Durability,
];
const send = (message: ClientReport) => process.send?.(message);
let answered = 0;
/** CPU time is counted from the first file on: start-up (and tsx compiling our sources) is not per file. */
let cpuAtFirst: NodeJS.CpuUsage | undefined;
const onFirst = () => (cpuAtFirst ??= process.cpuUsage());
const onAnswered = () => {
  answered += 1;
  if (answered === 100 || answered === 1000) send({ rss: process.memoryUsage().rss, answered });
};
const finish = () => {
  const cpu = process.cpuUsage(cpuAtFirst);
  const rssMax = process.resourceUsage().maxRSS * 1024;
  process.send?.(
    { done: true, cpuMs: (cpu.user + cpu.system) / 1000, answered, rssMax } satisfies ClientReport,
    () => process.disconnect?.(),
  );
};

if (kind === 'echo') {
  const io = createRequire(import.meta.url)('socket.io-client') as (url: string, o: object) => RawSocket;
  const socket = io(`${host}${NAMESPACE}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    query: { token, version: '2' },
  });
  socket.on('connect', () =>
    socket.emit(ClientEvent.start, {
      type: 'algorithmic',
      params: { dsType: 'train', countFiles: 10, lang: 'rus', time: 60 },
    }),
  );
  socket.on(ServerEvent.fileAvailable, (payload) => {
    onFirst();
    const p = payload as { sessionId: unknown; fileId: string; content: unknown };
    socket.emit(ClientEvent.fileSend, { sessionId: p.sessionId, fileId: p.fileId, content: p.content });
    onAnswered();
  });
  socket.on(ServerEvent.close, () => {
    socket.close();
    finish();
  });
} else {
  const session = new Session({
    connector: createConnector('socket.io-v2', { host, token }),
    marker: new Marker({ name: 'as-is', markup: async (essay) => essay }),
    filesDir,
    durability,
  });
  session.on('file-received', onFirst);
  session.on('file-sent', onAnswered);
  await session.start({ type: 'algorithmic', dataset: 'train', lang: 'rus', count: 10, time: 60 });
  await session.done;
  finish();
}
