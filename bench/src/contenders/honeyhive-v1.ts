import path from 'node:path';
import { SharedSink, SinkDrain } from '../shared-sink';
import { SESSION, lookup, respond, type ChatMessage, type ChatParams, type LlmPayload } from '../workload';
import { emulateNpmLayoutFor } from './npm-layout-shim';
import { nowNs } from './timing';
import type { Contender, CreateOptions, LlmCall, TracerHandle } from './types';

/** The parts of npm `honeyhive` 1.0.42 the benchmark uses (typed here: its own typings are loose). */
interface HoneyHiveV1 {
  HoneyHiveTracer: {
    init(params: Record<string, unknown>): Promise<HoneyHiveV1Tracer>;
    flush(): Promise<void>;
  };
  enrichSpan(params: Record<string, unknown>): void;
}
interface HoneyHiveV1Tracer {
  sessionId?: string;
  traceFunction(options?: Record<string, unknown>): <F extends (...args: any[]) => any>(fn: F) => F;
}
interface Traceloop {
  initialize(options: Record<string, unknown>): unknown;
}

/**
 * Switches off the telemetry of npm honeyhive 1.x and of the Traceloop SDK it runs on (PostHog, git
 * probing, Traceloop's prompt-registry sync). Set before their modules load.
 */
function disableHoneyHiveV1Telemetry(): void {
  process.env['TRACELOOP_TELEMETRY'] = 'false';
  process.env['TRACELOOP_SYNC_ENABLED'] = 'false';
  process.env['HONEYHIVE_TELEMETRY'] = 'false';
}

/**
 * npm `honeyhive` 1.0.42 (1.0.44 ships no build): `HoneyHiveTracer.init` + `traceFunction` + `enrichSpan`,
 * on Traceloop's NodeSDK with its BatchSpanProcessor. For the in-memory sink, Traceloop is initialised first
 * with the same options honeyhive passes plus `exporter` (its `initialize` runs once; honeyhive's own call
 * then returns early).
 */
export class HoneyHiveV1Contender implements Contender {
  readonly name = 'honeyhive-1x' as const;
  private hh!: HoneyHiveV1;
  private traceloop!: Traceloop;
  private readonly memory = new SharedSink();
  private readonly sinkDrain = new SinkDrain(() => this.memory.getFinishedSpans());

  describe(): string {
    return 'npm honeyhive 1.0.42: HoneyHiveTracer.init + tracer.traceFunction + enrichSpan (Traceloop SDK 0.12, OTel SDK 1.x)';
  }

  load(): void {
    disableHoneyHiveV1Telemetry();
    const honeyhiveDir = path.dirname(require.resolve('honeyhive/package.json'));
    const traceloopDir = path.dirname(require.resolve('@traceloop/node-server-sdk/package.json', { paths: [honeyhiveDir] }));
    emulateNpmLayoutFor(traceloopDir, '@opentelemetry/sdk-node');
    this.hh = require('honeyhive') as HoneyHiveV1;
    this.traceloop = require(traceloopDir) as Traceloop;
  }

  async create({ sink, backend, index }: CreateOptions): Promise<TracerHandle> {
    if (index === 0 && sink.kind === 'memory') {
      this.traceloop.initialize({
        baseUrl: `${backend.httpUrl}/opentelemetry`,
        apiKey: 'bench-key',
        disableBatch: false,
        instrumentModules: {},
        logLevel: 'error',
        silenceInitializationMessage: true,
        exporter: this.memory,
      });
    }
    const start = nowNs();
    const tracer = await this.hh.HoneyHiveTracer.init({
      apiKey: 'bench-key',
      project: SESSION.project,
      source: SESSION.source,
      sessionName: 'bench',
      serverUrl: backend.httpUrl,
    });
    const setupNs = nowNs() - start;
    if (!tracer.sessionId) throw new Error('honeyhive 1.x did not initialise (no session id)');
    const { enrichSpan, HoneyHiveTracer } = this.hh;
    const { memory, sinkDrain } = this;
    return {
      setupNs,
      llmCall(payload: LlmPayload): LlmCall {
        return tracer.traceFunction({ eventType: 'model', config: payload.config })(function chatCompletion(
          messages: ChatMessage[],
          params: ChatParams,
        ) {
          enrichSpan({ metadata: payload.metadata, metrics: payload.metrics });
          return respond(payload, messages, params);
        });
      },
      wrap: (fn) => tracer.traceFunction()(fn),
      smallCall: () => tracer.traceFunction()(lookup),
      flush: () => HoneyHiveTracer.flush(),
      drain: () => sinkDrain.drain(),
      counts: () => {
        sinkDrain.drain();
        return { exported: memory.exported, ...sinkDrain.attributeCounts() };
      },
      shutdown: async () => {
        await HoneyHiveTracer.flush();
      },
    };
  }
}
