// Bench-only instrumentation: the moment socket.io-client 2 hands a `session-file-available`
// packet to its listeners, before any of our code runs (the connector's validation included).
// socket.io-client has already parsed the frame by then; a bare echo client pays that too.
import { createRequire } from 'node:module';
import { ServerEvent } from '../src/protocol/index.js';

interface Packet {
  data?: unknown[];
}
interface SocketClass {
  prototype: { onevent(this: unknown, packet: Packet): void; __benchWired?: true };
}

const received = new Map<string, bigint>();

/** Installs the hook once per process; later calls are no-ops. */
export function wireClock(): void {
  // socket.io-client 2 is CommonJS without types; this is the one prototype method we wrap.
  const { Socket } = createRequire(import.meta.url)('socket.io-client') as { Socket: SocketClass };
  const proto = Socket.prototype;
  if (proto.__benchWired) return;
  proto.__benchWired = true;
  const original = proto.onevent;
  proto.onevent = function onevent(this: unknown, packet: Packet) {
    const [event, payload] = packet.data ?? [];
    if (event === ServerEvent.fileAvailable) {
      const fileId = (payload as { fileId?: unknown } | undefined)?.fileId;
      if (typeof fileId === 'string') received.set(fileId, process.hrtime.bigint());
    }
    original.call(this, packet);
  };
}

/** When the packet of `fileId` reached the client's listeners; forgets it. */
export function takeReceived(fileId: string): bigint | undefined {
  const at = received.get(fileId);
  received.delete(fileId);
  return at;
}

export function clearReceived(): void {
  received.clear();
}
