import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * How the proxy behaves while "the database is down":
 * - `refuse`: nothing listens on the port (connection refused), as while a server restarts;
 * - `reset`: a connection is accepted and cut at once, as by a server shutting down;
 * - `hang`: a connection is accepted and never answered, as across a network partition.
 */
export type OutageMode = 'refuse' | 'reset' | 'hang';

/**
 * A TCP proxy in front of PostgreSQL that can play a database restart without restarting the
 * real server (other people use it): it cuts every open connection and keeps new ones out until
 * told to let them through again.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private mode: OutageMode | 'up' = 'up';
  private server: Server;

  private constructor(
    private readonly target: { host: string; port: number },
    readonly port: number,
  ) {
    this.server = this.newServer();
  }

  /** A proxy on a free local port, forwarding to `target`. */
  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const probe = createServer();
    const port = await new Promise<number>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const proxy = new TcpProxy(target, port);
    await proxy.listen();
    return proxy;
  }

  /** The same PostgreSQL URL, pointed at the proxy. */
  urlFor(databaseUrl: string): string {
    const url = new URL(databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  /** Connections open through the proxy now. */
  get openConnections(): number {
    return this.sockets.size;
  }

  /** The database "goes down": every open connection is cut; new ones meet `mode`. */
  async down(mode: OutageMode): Promise<void> {
    this.mode = mode;
    // Cut first: a closing server waits for its open connections before it lets the port go.
    this.cutAll();
    if (mode === 'refuse') await this.stopListening();
    else if (!this.server.listening) await this.listen();
  }

  /** The database is back: new connections go through again. */
  async up(): Promise<void> {
    // Connections held by `hang` never reached the database; they end like the rest.
    this.mode = 'up';
    this.cutAll();
    if (!this.server.listening) await this.listen();
  }

  async close(): Promise<void> {
    this.mode = 'refuse';
    this.cutAll();
    await this.stopListening();
  }

  private cutAll() {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  private newServer(): Server {
    return createServer((client) => {
      if (this.mode === 'reset' || this.mode === 'refuse') {
        client.destroy();
        return;
      }
      this.track(client);
      if (this.mode === 'hang') return;
      const upstream = connect(this.target.port, this.target.host);
      this.track(upstream);
      // Either side ending or failing ends both, as a real connection's loss would.
      const cut = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', cut).on('close', cut);
      upstream.on('error', cut).on('close', cut);
      client.pipe(upstream);
      upstream.pipe(client);
    });
  }

  private track(socket: Socket) {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
  }

  private listen(): Promise<void> {
    // A closed server cannot listen again: a new one takes the same port.
    if (!this.server.listening) this.server = this.newServer();
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  private stopListening(): Promise<void> {
    if (!this.server.listening) return Promise.resolve();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
