import type { ClientRequest, IncomingMessage, RequestOptions, ServerResponse } from 'node:http';
import type { Attributes, MeterProvider, Span, TracerProvider } from '@opentelemetry/api';

// The types of `@opentelemetry/instrumentation-http` that this package's API uses, written out here: that package
// is an optional peer dependency, and this package's types must compile without it (`skipLibCheck: false` too).
// The same shapes as its `HttpInstrumentationConfig` and `HttpInstrumentation` (0.223), so values of those types
// can be passed and the instrumentation returned can be registered with OpenTelemetry's `registerInstrumentations`.

/** The settings of `HttpInstrumentation` (`HttpInstrumentationConfig` of `@opentelemetry/instrumentation-http`). */
export interface HttpInstrumentationSettings {
  enabled?: boolean;
  ignoreIncomingRequestHook?: (request: IncomingMessage) => boolean;
  ignoreOutgoingRequestHook?: (request: RequestOptions) => boolean;
  disableIncomingRequestInstrumentation?: boolean;
  disableOutgoingRequestInstrumentation?: boolean;
  applyCustomAttributesOnSpan?: (span: Span, request: ClientRequest | IncomingMessage, response: IncomingMessage | ServerResponse) => void;
  requestHook?: (span: Span, request: ClientRequest | IncomingMessage) => void;
  responseHook?: (span: Span, response: IncomingMessage | ServerResponse) => void;
  startIncomingSpanHook?: (request: IncomingMessage) => Attributes;
  startOutgoingSpanHook?: (request: RequestOptions) => Attributes;
  serverName?: string;
  requireParentforOutgoingSpans?: boolean;
  requireParentforIncomingSpans?: boolean;
  headersToSpanAttributes?: {
    client?: { requestHeaders?: string[]; responseHeaders?: string[] };
    server?: { requestHeaders?: string[]; responseHeaders?: string[] };
  };
  enableSyntheticSourceDetection?: boolean;
  redactedQueryParams?: string[];
  redactedQueryParamsServer?: string[];
}

/** The `HttpInstrumentation` of `@opentelemetry/instrumentation-http`, as far as registering and inspecting it go. */
export interface HttpTracingInstrumentation {
  readonly instrumentationName: string;
  readonly instrumentationVersion: string;
  /** Starts patching `node:http` / `node:https`. */
  enable(): void;
  /** Stops patching. */
  disable(): void;
  isEnabled(): boolean;
  setTracerProvider(tracerProvider: TracerProvider): void;
  setMeterProvider(meterProvider: MeterProvider): void;
  getConfig(): HttpInstrumentationSettings;
  setConfig(config?: HttpInstrumentationSettings): void;
}

/** The part of the `@opentelemetry/instrumentation-http` module this package uses. */
export interface HttpInstrumentationModule {
  HttpInstrumentation: new (config?: HttpInstrumentationSettings) => HttpTracingInstrumentation;
}
