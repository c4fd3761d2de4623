import net from 'node:net';

/**
A TCP proxy in front of the platform that follows the WebSocket frames the server sends and can
slip raw bytes to the client exactly between two of them: a frame the client's WebSocket must
refuse (a header announcing a payload over its size limit, a bad opcode) or a protocol packet
the platform never sent. Client → server bytes pass untouched.
*/
export class FrameProxy {
  readonly #server: net.Server;
  readonly #links = new Set<Link>();

  private constructor(server: net.Server) {
    this.#server = server;
  }

  static async start(targetPort: number): Promise<FrameProxy> {
    const server = net.createServer();
    const proxy = new FrameProxy(server);
    server.on('connection', (client) => {
      const link = new Link(client, net.connect(targetPort, '127.0.0.1'));
      proxy.#links.add(link);
      client.on('close', () => proxy.#links.delete(link));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.#server.address() as net.AddressInfo).port;
  }

  /** Writes `bytes` to every client at its next frame boundary (at once if it is between frames). */
  inject(bytes: Buffer): void {
    for (const link of this.#links) link.inject(bytes);
  }

  async close(): Promise<void> {
    for (const link of this.#links) link.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** One client connection and its upstream; parses the server's frames to know where they end. */
class Link {
  #buffer = Buffer.alloc(0);
  #upgraded = false;
  #pending: Buffer[] = [];

  constructor(
    private readonly client: net.Socket,
    private readonly upstream: net.Socket,
  ) {
    for (const s of [client, upstream]) s.on('error', () => undefined);
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => this.#fromServer(chunk));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  inject(bytes: Buffer): void {
    this.#pending.push(bytes);
    this.#flush();
  }

  destroy(): void {
    this.client.destroy();
    this.upstream.destroy();
  }

  #fromServer(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    if (!this.#upgraded) {
      const end = this.#buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      this.client.write(this.#buffer.subarray(0, end + 4));
      this.#buffer = this.#buffer.subarray(end + 4);
      this.#upgraded = true;
    }
    // Forward whole frames only, so that an injection always lands between two of them.
    for (let size = frameSize(this.#buffer); size !== undefined; size = frameSize(this.#buffer)) {
      this.client.write(this.#buffer.subarray(0, size));
      this.#buffer = this.#buffer.subarray(size);
    }
    this.#flush();
  }

  #flush(): void {
    if (!this.#upgraded || this.#buffer.length > 0) return;
    for (const bytes of this.#pending.splice(0)) this.client.write(bytes);
  }
}

/** Bytes of the first whole (unmasked, server → client) frame in `b`, or undefined if incomplete. */
function frameSize(b: Buffer): number | undefined {
  if (b.length < 2) return undefined;
  const len7 = b[1]! & 0x7f;
  let header = 2;
  let length = len7;
  if (len7 === 126) {
    if (b.length < 4) return undefined;
    length = b.readUInt16BE(2);
    header = 4;
  } else if (len7 === 127) {
    if (b.length < 10) return undefined;
    length = Number(b.readBigUInt64BE(2));
    header = 10;
  }
  return b.length >= header + length ? header + length : undefined;
}

/** A text frame header announcing `bytes` of payload (and none following). */
export function oversizeFrameHeader(bytes: number): Buffer {
  const header = Buffer.alloc(10);
  header[0] = 0x81;
  header[1] = 127;
  header.writeBigUInt64BE(BigInt(bytes), 2);
  return header;
}

/** A whole unmasked text frame carrying `text`. */
export function textFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  if (payload.length >= 126) throw new RangeError('textFrame: keep injected frames under 126 bytes');
  return Buffer.concat([Buffer.from([0x81, payload.length]), payload]);
}
