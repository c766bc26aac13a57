import { enrichmentAttributesOf, inputPrefix, recordEnrichmentToSink, recordEntriesToSink } from '@honeyhive/utils';
import { SpanKind, context, trace as otelTrace } from '@opentelemetry/api';
import type { Attributes, Span } from '@opentelemetry/api';
import type { ArgumentNaming } from './argument-keys';
import { namedArguments } from './argument-keys';
import { CallRecorder } from './call-recorder';
import type { CaptureSettings } from './capture-settings';
import { resolveCaptureSettings } from './capture-settings';
import { monotonicNow } from './clock';
import { reportFailure } from './report-failure';
import { settleResult } from './settle-result';
import type { AnyFunction, TraceOptions } from './trace-options';
import { otelTracerFor, resolveTracerLike } from './tracer-resolution';

/** Everything `trace()` decided once, at wrap time. */
export interface TracePlan {
  readonly fn: AnyFunction;
  readonly options: TraceOptions;
  readonly eventName: string;
  readonly naming: ArgumentNaming;
}

function startAttributes(plan: TracePlan, settings: CaptureSettings): Attributes {
  // plan.options is the copy trace() took of the options: its fields are ours to read
  const { attributes, config, metadata, metrics, feedback, userProperties, eventType, outputs } = plan.options;
  return enrichmentAttributesOf(
    { attributes, config, metadata, metrics, feedback, userProperties, eventType, outputs, eventName: plan.eventName },
    { maxAttributes: settings.maxAttributes, redaction: settings.redaction, mask: settings.mask },
  );
}

/** True when the options fix the outputs (`outputs` given): the return value is then not recorded. */
function hasFixedOutputs(plan: TracePlan): boolean {
  return plan.options.outputs !== undefined && plan.options.outputs !== null;
}

/** Sets the captured arguments on `span`, one attribute at a time (no intermediate object). */
function recordInputs(span: Span, plan: TracePlan, settings: CaptureSettings, args: readonly unknown[]): void {
  const entries = namedArguments(args, plan.naming);
  const prefix = inputPrefix(settings.legacyInputShape);
  recordEntriesToSink((key, value) => span.setAttribute(key, value), entries, prefix, settings.mask, settings.maxAttributes, settings.redaction);
}

/** Sets the fixed `inputs` of the options, after the captured arguments so that they win a clash. */
function recordFixedInputs(span: Span, plan: TracePlan, settings: CaptureSettings): void {
  const inputs = plan.options.inputs;
  if (inputs === undefined || inputs === null) return;
  const options = { maxAttributes: settings.maxAttributes, mask: settings.mask, redaction: settings.redaction };
  recordEnrichmentToSink((key, value) => span.setAttribute(key, value), { inputs }, options);
}

/** Starts the call's span (with inputs captured), or returns undefined when tracing is unavailable. Never throws. */
function startCall(plan: TracePlan, args: readonly unknown[]): CallRecorder | undefined {
  let settings: CaptureSettings | undefined;
  try {
    const tracerLike = resolveTracerLike(plan.options.tracer);
    settings = resolveCaptureSettings(plan.options, tracerLike);
    if (hasFixedOutputs(plan)) settings = { ...settings, captureOutputs: false };
    const tracer = otelTracerFor(tracerLike);
    const parent = context.active();
    const kind = plan.options.spanKind ?? SpanKind.INTERNAL;
    const span = tracer.startSpan(plan.eventName, { kind, attributes: startAttributes(plan, settings) }, parent);
    const startedAt = monotonicNow();
    try {
      if (span.isRecording()) {
        if (settings.captureInputs) recordInputs(span, plan, settings, args);
        recordFixedInputs(span, plan, settings);
      }
    } catch (failure) {
      reportFailure(settings.logger, 'capturing the inputs', failure);
    }
    return new CallRecorder(span, otelTrace.setSpan(parent, span), settings, startedAt);
  } catch (failure) {
    reportFailure(settings?.logger, `starting span '${plan.eventName}'`, failure);
    return undefined;
  }
}

function invoke(fn: AnyFunction, thisArg: unknown, args: unknown[], newTarget: Function | undefined): unknown {
  return newTarget === undefined ? Reflect.apply(fn, thisArg, args) : Reflect.construct(fn, args, newTarget);
}

/**
 * One call of a traced function: starts its span as the active span, runs the function exactly once
 * in that context and returns (or throws) exactly what it does; see `settleResult` for when the span
 * ends. Without a usable tracer the function simply runs.
 */
export function callTraced(plan: TracePlan, thisArg: unknown, args: unknown[], newTarget: Function | undefined): unknown {
  const recorder = startCall(plan, args);
  if (recorder === undefined) return invoke(plan.fn, thisArg, args, newTarget);
  let result: unknown;
  try {
    result = context.with(recorder.context, invoke, undefined, plan.fn, thisArg, args, newTarget);
  } catch (error) {
    recorder.fail(error);
    throw error;
  }
  try {
    return settleResult(result, recorder);
  } catch {
    return result;
  }
}
