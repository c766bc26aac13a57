import type { IncomingMessage } from 'node:http';

/** What came back from one HTTP exchange. */
export interface HttpAnswer {
  status: number;
  /** The `Retry-After` header, when present. */
  retryAfter: string | undefined;
  /** The body as UTF-8 text. */
  text: string;
}

/** What to send in one HTTP exchange. */
export interface HttpExchange {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

function firstHeader(response: IncomingMessage, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * One HTTP(S) request with `node:http` / `node:https` (the keep-alive global agents), resolving with the
 * status, `Retry-After` and body text of the answer, whatever its status. Rejects on a connection error,
 * an answer cut short, or `signal`. (Not the global `fetch`: loading it costs a process about 4 MiB of RSS.)
 * The socket is unref'd: the exchange alone does not keep the process alive.
 */
export function exchange(url: string, init: HttpExchange): Promise<HttpAnswer> {
  return new Promise<HttpAnswer>((resolve, reject) => {
    const target = new URL(url);
    if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new Error(`unsupported protocol ${target.protocol}`);
    // loaded on first use, and only the one the URL needs: `node:https` (TLS) costs a process about 1 MiB of
    // RSS more than `node:http`, which an app sending to an http:// endpoint (a local collector) never needs
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { request: send } = (target.protocol === 'https:' ? require('node:https') : require('node:http')) as typeof import('node:http');
    /* eslint-enable @typescript-eslint/no-require-imports */
    const headers = { ...init.headers };
    if (init.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(init.body));
    const request = send(target, { method: init.method, headers, signal: init.signal }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('close', () => {
        if (!response.complete) reject(new Error('the connection closed before the answer was complete'));
      });
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          retryAfter: firstHeader(response, 'retry-after'),
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    // a request in flight never keeps the process alive by itself; the caller holds it open while user code
    // awaits the answer (a reused keep-alive socket is ref'd by the agent before this runs)
    request.on('socket', (socket) => socket.unref());
    request.on('error', reject);
    request.end(init.body);
  });
}
