import net from 'node:net';

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
}

/**
A TCP proxy between the client and the platform that can cut the line (every connection dropped
at once, as a network failure does) or stall it (bytes held in both directions, then delivered in
order, as a congested or briefly dead link does). New connections go to `target`, which a
restarted platform may change.
*/
export class FaultProxy {
  readonly #server: net.Server;
  readonly #pairs = new Set<Pair>();
  #stalled = false;
  readonly #held = new Map<net.Socket, Buffer[]>();

  private constructor(
    server: net.Server,
    public target: number,
  ) {
    this.#server = server;
  }

  static async start(target: number): Promise<FaultProxy> {
    const server = net.createServer();
    const proxy = new FaultProxy(server, target);
    server.on('connection', (client) => proxy.#accept(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.#server.address() as net.AddressInfo).port;
  }

  get connections(): number {
    return this.#pairs.size;
  }

  #accept(client: net.Socket): void {
    const upstream = net.connect(this.target, '127.0.0.1');
    const pair = { client, upstream };
    this.#pairs.add(pair);
    const forward = (from: net.Socket, to: net.Socket) => {
      from.on('data', (chunk: Buffer) => {
        if (this.#stalled) {
          const held = this.#held.get(to) ?? [];
          held.push(chunk);
          this.#held.set(to, held);
        } else if (!to.destroyed) to.write(chunk);
      });
    };
    forward(client, upstream);
    forward(upstream, client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      this.#held.delete(client);
      this.#held.delete(upstream);
      this.#pairs.delete(pair);
    };
    for (const s of [client, upstream]) {
      s.on('error', () => undefined);
      s.on('close', drop);
    }
  }

  /** Drops every open connection (new ones are let through). */
  cut(): number {
    const n = this.#pairs.size;
    for (const { client, upstream } of [...this.#pairs]) {
      client.destroy();
      upstream.destroy();
    }
    return n;
  }

  /** Holds every byte in both directions until `release`. */
  stall(): void {
    this.#stalled = true;
  }

  release(): void {
    this.#stalled = false;
    for (const [to, chunks] of this.#held) if (!to.destroyed) for (const c of chunks) to.write(c);
    this.#held.clear();
  }

  async close(): Promise<void> {
    this.release();
    this.cut();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
