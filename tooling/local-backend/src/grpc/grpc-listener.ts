import {
  Metadata,
  Server,
  ServerCredentials,
  status as GrpcStatus,
  type sendUnaryData,
  type ServerErrorResponse,
  type ServerUnaryCall,
} from '@grpc/grpc-js';
import { checkBearer } from '../auth';
import type { BackendState } from '../backend-state';
import type { Delays } from '../delays';
import type { FaultController } from '../faults/fault-controller';
import { decodeProtobufExportRequest, emptyProtobufExportResponse } from '../otlp/decode-protobuf';
import { OtlpDecodeError } from '../otlp/otlp-decode-error';
import { TRACE_EXPORT_GRPC_PATH } from '../proto/otlp-schema';
import type { ReceivedRequest } from '../records';
import { newRequestRecord, recordableHeaders, requestLogLine } from '../request-record';
import type { StatusFault } from '../faults/fault-rule';
import { grpcCodeForHttpStatus } from './grpc-status';
import { retryInfoStatusDetails } from './status-details';

/** What the gRPC receiver needs from the backend. */
export interface GrpcDeps {
  /** Received data. */
  state: BackendState;
  /** Fault rules. */
  faults: FaultController;
  /** Accepted keys, or undefined for any non-empty bearer token. */
  apiKeys: readonly string[] | undefined;
  /** Log sink. */
  log: (line: string) => void;
  /** Cancellable sleeps for `delay` faults. */
  delays: Delays;
  /** Largest accepted request message; larger ones get RESOURCE_EXHAUSTED (default 4 MiB, grpc-js's). */
  maxMessageBytes?: number;
}

/** grpc-js's default limit on a received message. */
const DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

const GARBAGE_PROTOBUF = Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
const passThrough = (value: Buffer): Buffer => value;

type Call = ServerUnaryCall<Buffer, Buffer>;

// grpc-js does not expose the HTTP/2 session of a call; walk its internal chain to the stream (tooling only).
function destroyConnection(call: Call): boolean {
  let inner = (call as unknown as { call?: unknown }).call as
    | { nextCall?: unknown; stream?: { session?: { destroy(): void } } }
    | undefined;
  for (let depth = 0; inner && depth < 8; depth += 1) {
    if (inner.stream?.session) {
      inner.stream.session.destroy();
      return true;
    }
    inner = inner.nextCall as typeof inner;
  }
  return false;
}

function grpcError(code: GrpcStatus, details: string, metadata?: Metadata): ServerErrorResponse {
  return Object.assign(new Error(details), { code, details, metadata: metadata ?? new Metadata() });
}

/** The trailing metadata of a status fault: the retry signals it asks for, carrying `retryAfterSeconds`. */
function retryMetadata(fault: StatusFault, code: number, details: string): Metadata {
  const metadata = new Metadata();
  if (fault.retryAfterSeconds === undefined) return metadata;
  const hints = fault.grpcRetryHints ?? ['retry-after', 'pushback'];
  const delayMs = Math.round(fault.retryAfterSeconds * 1000);
  if (hints.includes('retry-after')) metadata.set('retry-after', String(fault.retryAfterSeconds));
  if (hints.includes('pushback')) metadata.set('grpc-retry-pushback-ms', String(delayMs));
  if (hints.includes('retry-info')) metadata.set('grpc-status-details-bin', retryInfoStatusDetails(code, details, delayMs));
  return metadata;
}

/** The OTLP/gRPC trace receiver: one grpc-js `Server` that can be shut down and re-created on the same port. */
export class GrpcListener {
  private server: Server | undefined;
  private readonly peers = new Map<string, string>();
  private boundPort = 0;

  constructor(private readonly deps: GrpcDeps) {}

  /** The port listened on (kept while refused). */
  get port(): number {
    return this.boundPort;
  }

  /** Whether a server is bound. */
  get listening(): boolean {
    return this.server !== undefined;
  }

  /** Binds `host:port` with insecure credentials (0 = OS-chosen) and resolves with the port. */
  listen(host: string, port: number): Promise<number> {
    // the message limit is enforced in the handler, so that refused requests are recorded too
    const server = new Server({ 'grpc.max_receive_message_length': -1 });
    server.register(TRACE_EXPORT_GRPC_PATH, this.handle, passThrough, passThrough, 'unary');
    return new Promise((resolve, reject) => {
      server.bindAsync(`${host}:${port}`, ServerCredentials.createInsecure(), (error, boundPort) => {
        if (error) {
          server.forceShutdown();
          reject(error);
          return;
        }
        this.server = server;
        this.boundPort = boundPort;
        resolve(boundPort);
      });
    });
  }

  /** Shuts the server down at once, cancelling in-flight calls and dropping connections. */
  close(): void {
    this.server?.forceShutdown();
    this.server = undefined;
  }

  private connectionId(peer: string): string {
    let id = this.peers.get(peer);
    if (!id) {
      id = `grpc-${this.peers.size + 1}`;
      this.peers.set(peer, id);
    }
    return id;
  }

  private readonly handle = (call: Call, callback: sendUnaryData<Buffer>): void => {
    this.process(call, callback).catch((error: unknown) => {
      this.deps.log(`internal error: ${(error as Error).message}`);
      callback(grpcError(GrpcStatus.INTERNAL, `internal error: ${(error as Error).message}`));
    });
  };

  private async process(call: Call, callback: sendUnaryData<Buffer>): Promise<void> {
    const { state, faults } = this.deps;
    const headers = recordableHeaders(call.metadata.getMap());
    const record = newRequestRecord({
      id: state.nextRequestId(),
      method: 'POST',
      path: TRACE_EXPORT_GRPC_PATH,
      route: 'traces',
      protocol: 'grpc',
      headers,
      connectionId: this.connectionId(call.getPeer()),
    });
    // `code` undefined: no gRPC status was sent (connection destroyed, call cancelled).
    const finish = (code: number | undefined, outcome: ReceivedRequest['outcome'], reason?: string): void => {
      record.status = code === undefined ? 0 : 200;
      record.grpcCode = code;
      record.outcome = outcome;
      record.reason = reason;
      state.addRequest(record);
      this.deps.log(requestLogLine(record));
    };
    const fail = (code: GrpcStatus, reason: string, outcome: ReceivedRequest['outcome'], metadata?: Metadata): void => {
      callback(grpcError(code, reason, metadata));
      finish(code, outcome, reason);
    };

    const maxBytes = this.deps.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    if (call.request.length > maxBytes) {
      // grpc-js's own words for this refusal
      return fail(GrpcStatus.RESOURCE_EXHAUSTED, `Received message larger than max (${call.request.length} vs. ${maxBytes})`, 'rejected');
    }

    const fault = faults.take('traces', 'grpc');
    record.fault = fault?.kind;
    if (fault?.kind === 'reset') {
      if (destroyConnection(call)) return finish(undefined, 'fault', 'injected reset: HTTP/2 session destroyed');
      return fail(GrpcStatus.UNAVAILABLE, 'injected reset (connection not reachable)', 'fault');
    }
    if (fault?.kind === 'status') {
      const code = fault.grpcCode ?? grpcCodeForHttpStatus(fault.status);
      const details = fault.body ?? `injected fault: status ${fault.status}`;
      return fail(code, details, 'fault', retryMetadata(fault, code, details));
    }
    if (fault?.kind === 'garbage') {
      callback(null, GARBAGE_PROTOBUF);
      return finish(GrpcStatus.OK, 'fault', 'injected garbage response body');
    }

    const authHeader = call.metadata.get('authorization')[0];
    const auth = checkBearer(authHeader === undefined ? undefined : String(authHeader), this.deps.apiKeys);
    record.apiKey = auth.apiKey;
    if (!auth.ok) return fail(GrpcStatus.UNAUTHENTICATED, auth.reason, 'rejected');

    if (fault?.kind === 'delay') {
      await this.deps.delays.sleep(fault.ms);
      if (call.cancelled || !this.server) return finish(undefined, 'aborted', `call cancelled during the injected ${fault.ms} ms delay`);
    }

    let spans;
    try {
      spans = decodeProtobufExportRequest(call.request);
    } catch (error) {
      if (error instanceof OtlpDecodeError) return fail(GrpcStatus.INVALID_ARGUMENT, error.message, 'rejected');
      throw error;
    }
    callback(null, emptyProtobufExportResponse());
    record.spanCount = spans.length;
    state.addSpans(spans, 'grpc', record.id);
    finish(GrpcStatus.OK, 'ok');
  }
}
