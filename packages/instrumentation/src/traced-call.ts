import { enrichmentAttributesOf, inputPrefix, recordEnrichmentToSink, recordEntriesToSink } from '@honeyhive/utils';
import type { AttributeSink, EnrichmentFields } from '@honeyhive/utils';
import { SpanKind, context, trace as otelTrace } from '@opentelemetry/api';
import type { Attributes } from '@opentelemetry/api';
import type { ArgumentNaming } from './argument-keys';
import { namedArguments } from './argument-keys';
import { CallRecorder } from './call-recorder';
import type { CaptureSettings, SettingsCache } from './capture-settings';
import { cachedCaptureSettings, newSettingsCache } from './capture-settings';
import { monotonicNow } from './clock';
import { reportFailure } from './report-failure';
import { settleResult } from './settle-result';
import type { AnyFunction, TraceOptions } from './trace-options';
import { otelTracerFor, resolveTracerLike } from './tracer-resolution';
import type { TracerLike } from './tracer-resolution';

/** Everything `trace()` decided once, at wrap time. */
export interface TracePlan {
  readonly fn: AnyFunction;
  readonly options: TraceOptions;
  readonly eventName: string;
  readonly naming: ArgumentNaming;
  /** What the span starts with, from the options (their values are captured again on every call). */
  readonly startFields: EnrichmentFields;
  /** The start attributes, when the options give only the event type and name (nothing to capture per call). */
  readonly fixedStart: Attributes | undefined;
  /** The options fix the outputs (`outputs` given): the return value is then not recorded. */
  readonly fixedOutputs: boolean;
  /** The capture settings of the last call, while the tracer's capture options stay the same. */
  readonly settings: SettingsCache;
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** The plan of a traced function; `options` is the copy trace() took of the options: its fields are ours to read. */
export function newPlan(fn: AnyFunction, options: TraceOptions, eventName: string, naming: ArgumentNaming): TracePlan {
  const { attributes, config, metadata, metrics, feedback, userProperties, eventType, outputs } = options;
  const startFields: EnrichmentFields = { attributes, config, metadata, metrics, feedback, userProperties, eventType, outputs, eventName };
  const records = [attributes, config, metadata, metrics, feedback, userProperties, outputs].some(isSet);
  // without records the start attributes are the event type and name alone, whatever the settings
  const fixedStart = records ? undefined : enrichmentAttributesOf(startFields);
  return { fn, options, eventName, naming, startFields, fixedStart, fixedOutputs: isSet(outputs), settings: newSettingsCache() };
}

function startAttributes(plan: TracePlan, settings: CaptureSettings): Attributes {
  const fixed = plan.fixedStart;
  // a copy: the tracer may keep the object it is given
  return fixed !== undefined ? { ...fixed } : enrichmentAttributesOf(plan.startFields, settings.enrichment);
}

function withoutOutputs(settings: CaptureSettings): CaptureSettings {
  return { ...settings, captureOutputs: false };
}

/** The settings of a call of `plan` through `tracerLike`. */
function settingsOf(plan: TracePlan, tracerLike: TracerLike | undefined): CaptureSettings {
  return cachedCaptureSettings(plan.settings, plan.options, tracerLike, plan.fixedOutputs ? withoutOutputs : undefined);
}

/** Sets the captured arguments on `span`, one attribute at a time (no intermediate object). */
function recordInputs(sink: AttributeSink, plan: TracePlan, settings: CaptureSettings, args: readonly unknown[]): void {
  const entries = namedArguments(args, plan.naming);
  const prefix = inputPrefix(settings.legacyInputShape);
  recordEntriesToSink(sink, entries, prefix, settings.mask, settings.maxAttributes, settings.redaction);
}

/** Sets the fixed `inputs` of the options, after the captured arguments so that they win a clash. */
function recordFixedInputs(sink: AttributeSink, plan: TracePlan, settings: CaptureSettings): void {
  const inputs = plan.options.inputs;
  if (inputs === undefined || inputs === null) return;
  recordEnrichmentToSink(sink, { inputs }, settings.enrichment);
}

/** Starts the call's span (with inputs captured), or returns undefined when tracing is unavailable. Never throws. */
function startCall(plan: TracePlan, args: readonly unknown[]): CallRecorder | undefined {
  let settings: CaptureSettings | undefined;
  try {
    const tracerLike = resolveTracerLike(plan.options.tracer);
    settings = settingsOf(plan, tracerLike);
    const tracer = otelTracerFor(tracerLike);
    const parent = context.active();
    const kind = plan.options.spanKind ?? SpanKind.INTERNAL;
    const span = tracer.startSpan(plan.eventName, { kind, attributes: startAttributes(plan, settings) }, parent);
    const startedAt = monotonicNow();
    const recorder = new CallRecorder(span, otelTrace.setSpan(parent, span), settings, startedAt);
    try {
      if (span.isRecording()) {
        if (settings.captureInputs) recordInputs(recorder.sink, plan, settings, args);
        recordFixedInputs(recorder.sink, plan, settings);
      }
    } catch (failure) {
      reportFailure(settings.logger, 'capturing the inputs', failure);
    }
    return recorder;
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
