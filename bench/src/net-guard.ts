// Loaded first in every benchmark child: records (and refuses) any TCP connection or DNS lookup that
// is not for a loopback address, so a peer SDK's telemetry can neither reach the network nor go unseen.
import dns from 'node:dns';
import net from 'node:net';

const attempts: string[] = [];

/** True for the loopback names and addresses (127.0.0.0/8, ::1, localhost) and for unix sockets. */
function isLoopback(host: string | undefined): boolean {
  if (host === undefined || host === '' || host === 'localhost') return true;
  const bare = host.replace(/^\[|\]$/g, '').replace(/^::ffff:/i, '');
  return bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

function targetOf(args: unknown[]): { host?: string; port?: unknown; path?: string } {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (first !== null && typeof first === 'object') {
    const options = first as { host?: string; port?: unknown; path?: string };
    return { host: options.host, port: options.port, path: options.path };
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return { path: first };
  return { host: typeof args[1] === 'string' ? args[1] : undefined, port: first };
}

/** Installs the guard once per process. */
export function installNetGuard(): void {
  const socketProto = net.Socket.prototype as unknown as { connect: (...args: unknown[]) => unknown; __benchGuard?: true };
  if (socketProto.__benchGuard) return;
  socketProto.__benchGuard = true;
  const connect = socketProto.connect;
  socketProto.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const target = targetOf(args);
    if (target.path === undefined && !isLoopback(target.host)) {
      attempts.push(`connect ${target.host}:${String(target.port)}`);
      process.nextTick(() => this.destroy(new Error(`bench: blocked non-loopback connection to ${target.host}`)));
      return this;
    }
    return connect.apply(this, args);
  };
  const lookup = dns.lookup;
  (dns as unknown as { lookup: unknown }).lookup = function guardedLookup(hostname: string, ...rest: unknown[]) {
    if (!isLoopback(hostname) && net.isIP(hostname) === 0) attempts.push(`dns ${hostname}`);
    return (lookup as (...a: unknown[]) => unknown)(hostname, ...rest);
  };
}

/** Non-loopback connection and lookup attempts seen so far. */
export function outboundAttempts(): string[] {
  return [...attempts];
}
