import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** One `node:http` server that tracks its sockets, gives each a stable id, and can close and re-listen. */
export class HttpListener {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly ids = new WeakMap<Socket, string>();
  private seq = 0;
  private boundPort = 0;

  constructor(handler: (req: IncomingMessage, res: ServerResponse) => void) {
    this.server = createServer(handler);
    this.server.on('connection', (socket: Socket) => {
      this.seq += 1;
      this.ids.set(socket, `http-${this.seq}`);
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    // A peer resetting mid-request must not take the server down.
    this.server.on('clientError', (_error, socket: Socket) => socket.destroy());
  }

  /** The port listened on (kept while refused, so re-listening uses the same one). */
  get port(): number {
    return this.boundPort;
  }

  /** Whether the listener accepts connections. */
  get listening(): boolean {
    return this.server.listening;
  }

  /** The stable id of a socket accepted by this server. */
  connectionId(socket: Socket): string {
    return this.ids.get(socket) ?? 'http-unknown';
  }

  /** Starts listening on `host:port` (0 = OS-chosen) and resolves with the port. */
  listen(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      this.server.once('error', onError);
      this.server.listen({ host, port, exclusive: true }, () => {
        this.server.off('error', onError);
        const address = this.server.address();
        this.boundPort = typeof address === 'object' && address ? address.port : port;
        resolve(this.boundPort);
      });
    });
  }

  /** Stops listening and destroys every open connection; resolves when the server is closed. */
  close(): Promise<void> {
    if (!this.server.listening) {
      this.destroySockets();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.destroySockets();
    });
  }

  private destroySockets(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }
}
