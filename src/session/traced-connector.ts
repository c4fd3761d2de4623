import type { Logger } from '../log/index.js';
import { ClientEvent, ServerEvent } from '../protocol/index.js';
import type { Connector } from './connector/index.js';

/** Connector methods that put a message on the wire, and the event each one sends. */
const OUTGOING: Readonly<Record<string, string>> = {
  start: ClientEvent.start,
  sendFile: ClientEvent.fileSend,
  getFile: ClientEvent.fileRepeat,
  reconnect: ClientEvent.reconnect,
  abort: ClientEvent.clientAbort,
  sendLogs: ClientEvent.logsSend,
};

/** What a debug record says of one message: sizes and ids always, the payload itself too (essays included). */
function describe(payload: unknown): Record<string, unknown> {
  if (payload === undefined) return { bytes: 0 };
  let json: string;
  try {
    json = JSON.stringify(payload) ?? '';
  } catch {
    return { bytes: -1 };
  }
  const out: Record<string, unknown> = { bytes: Buffer.byteLength(json) };
  if (typeof payload === 'object' && payload !== null) {
    const p = payload as Record<string, unknown>;
    if (p.fileId !== undefined) out.fileId = p.fileId;
    if (typeof p.content === 'string') out.contentBytes = Buffer.byteLength(p.content);
    if (Array.isArray(p.logs)) out.records = p.logs.length;
  }
  out.payload = payload;
  return out;
}

/**
Wraps a connector so that every message in and out is logged at debug level (event, direction,
payload size, file id, and the payload). Nothing is serialised unless debug is on, so the wrapper
costs nothing in a normal session. `logger` is read at each message: the session binds its id
to its logger once it knows it.
*/
export function traceConnector(connector: Connector, logger: () => Logger): Connector {
  const trace = (direction: 'in' | 'out', event: string, payload: unknown, sent?: boolean) => {
    const log = logger();
    if (!log.isLevelEnabled('debug')) return;
    const fields = { direction, event, ...describe(payload), ...(sent === false ? { sent: false } : {}) };
    log.debug(
      fields,
      `${direction === 'in' ? '<-' : '->'} ${event}${sent === false ? ' (offline: not sent)' : ''}`,
    );
  };
  // The typed `on` wants one literal event name at a time; every server event takes one payload.
  const listen = connector.on.bind(connector) as (
    event: string,
    listener: (payload: unknown) => void,
  ) => void;
  for (const event of Object.values(ServerEvent)) listen(event, (payload) => trace('in', event, payload));

  return new Proxy(connector, {
    get(target, property) {
      // The target as receiver: connectors keep state in private fields a proxy cannot reach.
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      const event =
        typeof property === 'string' && Object.hasOwn(OUTGOING, property) ? OUTGOING[property] : undefined;
      if (event === undefined) return method.bind(target);
      return (...args: unknown[]) => {
        const sent = method.apply(target, args);
        trace('out', event, args[0], sent !== false);
        return sent;
      };
    },
  });
}
