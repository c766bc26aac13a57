import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import type { ChannelCredentials } from '@grpc/grpc-js';
import { loadGrpc } from './load-grpc';

/** Options of a {@link ConnectionPool}. */
export interface ConnectionPoolOptions {
  /** Sockets per origin at most (default 4): exports to one endpoint share these. */
  maxSocketsPerOrigin?: number;
  /** TCP keep-alive probe delay of idle sockets (ms, default 1000). */
  keepAliveMsecs?: number;
}

/**
 * A `ChannelCredentials` object of `@grpc/grpc-js`. Typed opaquely so that this package's types compile where
 * the optional `@grpc/grpc-js` is not installed; cast it to grpc-js's `ChannelCredentials` to use it.
 */
export type GrpcChannelCredentials = object;

/** A function giving the agent to send with (the shape OTLP HTTP exporters take as `httpAgentOptions`). */
export type PooledAgentFactory = (protocol: string) => HttpAgent | HttpsAgent;

function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Shared connections for exporters: one keep-alive HTTP(S) agent per origin, so that every tracer
 * exporting to the same endpoint reuses the same few sockets, and one gRPC credentials object per
 * target. It holds nothing but agents and credentials.
 *
 * gRPC: each OTLP gRPC exporter builds its own channel, but grpc-js keeps a process-wide subchannel
 * pool keyed by target, channel options and (equal) credentials, so channels to one target with the
 * same settings already share one HTTP/2 connection; handing every exporter the same credentials
 * object keeps them equal.
 *
 * `http`/`https`/`@grpc/grpc-js` are loaded on first use, not at import, so that instrumentations
 * registered later can still patch those modules.
 */
export class ConnectionPool {
  private readonly agents = new Map<string, HttpAgent | HttpsAgent>();
  private readonly credentials = new Map<string, ChannelCredentials>();

  /** @param options socket limits of the agents this pool creates. */
  constructor(private readonly options: ConnectionPoolOptions = {}) {}

  /** The keep-alive agent for `url`'s origin (created on first use). */
  agentFor(url: string): HttpAgent | HttpsAgent {
    const origin = originOf(url) ?? 'invalid:';
    let agent = this.agents.get(origin);
    if (!agent) {
      const secure = origin.startsWith('https:');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = (secure ? require('node:https') : require('node:http')) as typeof import('node:http');
      agent = new module.Agent({
        keepAlive: true,
        keepAliveMsecs: this.options.keepAliveMsecs ?? 1_000,
        maxSockets: this.options.maxSocketsPerOrigin ?? 4,
        // free sockets are unref'd by Node, so idle connections never keep a process alive
      });
      this.agents.set(origin, agent);
    }
    return agent;
  }

  /** An `httpAgentOptions` factory for an OTLP HTTP exporter sending to `url`. */
  agentFactoryFor(url: string): PooledAgentFactory {
    return () => this.agentFor(url);
  }

  /**
   * gRPC credentials for `url`: insecure for `http://`, TLS otherwise; one object per target. Loads
   * `@grpc/grpc-js` on first use and throws `GrpcTransportMissingError` when it is not installed.
   */
  grpcCredentialsFor(url: string): GrpcChannelCredentials {
    const insecure = url.trim().toLowerCase().startsWith('http://');
    const key = `${insecure ? 'insecure' : 'tls'}:${url.trim().toLowerCase()}`;
    let credentials = this.credentials.get(key);
    if (!credentials) {
      const grpc = loadGrpc();
      credentials = insecure ? grpc.credentials.createInsecure() : grpc.credentials.createSsl();
      this.credentials.set(key, credentials);
    }
    return credentials;
  }

  /** How many origins have an agent. */
  get agentCount(): number {
    return this.agents.size;
  }

  /** Closes every pooled socket and forgets the agents (for tests and final shutdown). */
  destroy(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
    this.credentials.clear();
  }
}

/** The process-wide pool used when an exporter is given none. It holds only agents and credentials. */
export const defaultConnectionPool = new ConnectionPool();
