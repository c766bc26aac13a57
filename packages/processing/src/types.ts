/**
 * The HoneyHive context stamped on a span: who owns it (session, project, source), where it hangs in
 * the HoneyHive event tree (parent id), the evaluation context (run, dataset, datapoint) and an
 * explicit event type. Every field is optional; the processor resolves them field by field.
 */
export interface SpanStamp {
  /** Session UUID; a span that ends without one is not exported. */
  sessionId?: string;
  /** Project name, stamped when known. */
  project?: string;
  /** Environment label; `dev` when nothing sets it. */
  source?: string;
  /** HoneyHive parent event id (`honeyhive.parent_id`), stamped when known. */
  parentId?: string;
  /** Evaluation run id (`honeyhive_metadata.run_id`). */
  runId?: string;
  /** Evaluation dataset id (`honeyhive_metadata.dataset_id`). */
  datasetId?: string;
  /** Evaluation datapoint id (`honeyhive_metadata.datapoint_id`). */
  datapointId?: string;
  /** An explicit event type (`model` | `tool` | `chain`); wins over detection. */
  eventType?: string;
}

/** Knobs of the bounded batch processor (names follow OpenTelemetry's BatchSpanProcessor). */
export interface BatchOptions {
  /** Spans waiting for export at most; further spans are dropped and counted `queue_full`. */
  maxQueueSize: number;
  /** Spans sent in one export request at most; a full batch is exported at once. */
  maxExportBatchSize: number;
  /**
   * Encoded bytes of one export request at most (estimated; default 3 MiB): a batch ends before the span
   * that would pass it, and a single span larger than this is sent alone. Should the backend still refuse
   * a request as too large, it is split until only the offending span is dropped (counted `too_large`).
   */
  maxExportBatchBytes?: number;
  /** How long a partial batch waits before it is exported (ms). */
  scheduledDelayMillis: number;
  /**
   * The export budget (ms): how long one export may take. The processor counts an export failed when it
   * has not answered 1 s after this (the grace lets an exporter with the same timeout report first).
   */
  exportTimeoutMillis: number;
}

/** Why spans were not exported, one counter per reason. */
export interface DroppedCounts {
  /** Ended without a session id. */
  no_session: number;
  /** Rejected by the include/exclude span-name filters. */
  filtered: number;
  /** Arrived while the export queue was full. */
  queue_full: number;
  /** Refused by the backend as too large (HTTP 413, gRPC message size) even when sent alone. */
  too_large: number;
  /** Ended after the processor was shut down. */
  shutdown: number;
  /** Still queued or in flight when the process exited (the exit budget ran out, or there was no exit flush). */
  process_exit: number;
}

/**
 * Counters of a {@link HoneyHiveSpanProcessor}. Invariant at every instant:
 * `ended = exported + failed + sum(dropped) + queued + inFlight`; after `forceFlush()` the last two are 0.
 */
export interface ProcessorStats {
  /** Spans seen by `onStart`. */
  started: number;
  /** Spans seen by `onEnd`. */
  ended: number;
  /** Spans the exporter acknowledged. */
  exported: number;
  /** Spans whose export failed (after retries) or timed out. */
  failed: number;
  /** Spans not exported, by reason. */
  dropped: DroppedCounts;
  /** Spans waiting in the queue. */
  queued: number;
  /** Spans handed to the exporter and not answered yet. */
  inFlight: number;
  /**
   * Of the ended spans, those ended because the result they traced was never consumed (a stream or lazy
   * promise garbage-collected unconsumed, or still open at shutdown): marked `honeyhive_metadata.abandoned`.
   * Exported like any other span, so this is a tally apart from the invariant.
   */
  abandoned: number;
}
