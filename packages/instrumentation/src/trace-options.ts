import type { Attributes, SpanKind } from '@opentelemetry/api';
import type { SpanEventType } from '@honeyhive/utils';
import type { MaskFunction } from './capture-options';
import type { SpanRecordFields } from './record-fields';
import type { TracerLike } from './tracer-resolution';

/** Any function; the shape `trace()` preserves. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a public type: the result of any function, left as callers compile against it
export type AnyFunction = (...args: any[]) => any;

/** Options of `trace()` and the decorators. */
export interface TraceOptions extends SpanRecordFields {
  /** `model`, `tool` or `chain`. Omitted: the span processor detects it (docs/wire-contract.md). Other values are ignored. */
  eventType?: SpanEventType;
  /**
   * The span name and `honeyhive_event_name`. Default: the function's name, else `'anonymous'`. A bundler or
   * minifier may rename functions (esbuild without `keepNames` turns `add` into `add2`; terser without
   * `keep_fnames` drops names), so set it where the name must survive bundling (docs/bundling.md).
   */
  eventName?: string;
  /**
   * Fixed inputs (the Python SDK's `@trace(inputs=...)`): flattened under `honeyhive_inputs.<key>` at span start, on
   * top of the captured arguments (a key given here wins a clash). Recorded even with `captureInputs: false`; masked.
   */
  inputs?: Record<string, unknown>;
  /**
   * Fixed outputs (the Python SDK's `@trace(outputs=...)`): flattened under `honeyhive_outputs.<key>` (a single value
   * under `honeyhive_outputs.value`) at span start, instead of the return value, which is then not recorded. Masked.
   */
  outputs?: unknown;
  /** The tracer to use. Default: the registered default tracer, else the global OpenTelemetry API. */
  tracer?: TracerLike;
  /** Record the arguments. Default: the tracer's `captureOptions.captureInputs`, else true. */
  captureInputs?: boolean;
  /** Record the return value. Default: the tracer's `captureOptions.captureOutputs`, else true. */
  captureOutputs?: boolean;
  /** PII masking of the inputs and the output, at every depth (see `MaskFunction`). Default: the tracer's `captureOptions.mask`. */
  mask?: MaskFunction;
  /** Names for the arguments, by position (extra arguments get `arg<i>`). Wins over parsing the source. */
  paramNames?: string[];
  /** Builds the recorded inputs from the arguments (gets a copy of the array). Wins over `paramNames`. */
  mapArgs?: (args: unknown[]) => Record<string, unknown>;
  /** Record arguments as `honeyhive_inputs._params_.<param>` (npm honeyhive 1.x). Default: the tracer's setting, else false. */
  legacyInputShape?: boolean;
  /** The OpenTelemetry span kind. Default `SpanKind.INTERNAL`. */
  spanKind?: SpanKind;
  /** Extra attributes set at span start; object values are flattened under their key. */
  attributes?: Attributes | Record<string, unknown>;
}
