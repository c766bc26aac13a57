import type { DecodedSpan, OtlpProtocol, ReceivedSpan } from './otlp/received-span';
import type { EventRecord, EventUpdate, ReceivedRequest, SessionRecord } from './records';
import { buildSessionTree } from './sessions/build-session-tree';
import { spanSessionId, stringAttribute } from './sessions/session-attributes';
import type { SessionTree } from './sessions/tree-types';

interface Waiter {
  check(): boolean;
  fail(error: Error): void;
}

/** An empty session record (fields filled by the caller). */
export function emptySession(sessionId: string, createdVia: SessionRecord['createdVia']): SessionRecord {
  return {
    session_id: sessionId,
    session_name: null,
    source: null,
    project: null,
    inputs: {},
    outputs: {},
    metadata: {},
    config: {},
    metrics: {},
    feedback: {},
    user_properties: {},
    start_time: null,
    createdVia,
    startCount: 0,
    updateCount: 0,
  };
}

/** Everything the backend has received, with indexes, waiters and per-session idle timers. */
export class BackendState {
  /** Spans in arrival order. */
  readonly spans: ReceivedSpan[] = [];
  /** Spans by span id (the id an event update may address). */
  readonly spanIndex = new Map<string, ReceivedSpan>();
  /** Requests in arrival order. */
  readonly requests: ReceivedRequest[] = [];
  /** Sessions by id. */
  readonly sessions = new Map<string, SessionRecord>();
  /** Created events in arrival order. */
  readonly events: EventRecord[] = [];
  /** Created events by id. */
  readonly eventIndex = new Map<string, EventRecord>();
  /** Updates addressed to span ids, applied when a tree is built. */
  readonly spanUpdates = new Map<string, EventUpdate[]>();
  private readonly waiters = new Set<Waiter>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  private requestSeq = 0;

  constructor(
    private readonly sessionIdleMs: number,
    private readonly onSessionComplete: ((tree: SessionTree) => void) | undefined,
  ) {}

  /** A fresh request id. */
  nextRequestId(): string {
    this.requestSeq += 1;
    return `r${this.requestSeq}`;
  }

  /** Records a finished request and wakes waiters. */
  addRequest(request: ReceivedRequest): void {
    this.requests.push(request);
    this.notify();
  }

  /** Stores decoded spans and creates sessions they reveal. */
  addSpans(decoded: DecodedSpan[], protocol: OtlpProtocol, requestId: string): void {
    const touched = new Set<string>();
    for (const span of decoded) {
      const received: ReceivedSpan = { ...span, protocol, requestId };
      this.spans.push(received);
      this.spanIndex.set(received.spanId, received);
      const sessionId = spanSessionId(received);
      if (sessionId === undefined) continue;
      let session = this.sessions.get(sessionId);
      if (!session) {
        session = emptySession(sessionId, 'spans');
        this.sessions.set(sessionId, session);
      }
      session.source ??= stringAttribute(received, 'honeyhive.source') ?? null;
      session.project ??= stringAttribute(received, 'honeyhive.project') ?? null;
      touched.add(sessionId);
    }
    touched.forEach((id) => this.touchSession(id));
    this.notify();
  }

  /** Stores a created event. */
  addEvent(event: EventRecord): void {
    this.events.push(event);
    this.eventIndex.set(event.event_id, event);
    if (!this.sessions.has(event.session_id)) this.sessions.set(event.session_id, emptySession(event.session_id, 'event'));
    this.touchSession(event.session_id);
    this.notify();
  }

  /** Spans of one session in arrival order. */
  sessionSpans(sessionId: string): ReceivedSpan[] {
    return this.spans.filter((span) => spanSessionId(span) === sessionId);
  }

  /** The tree of a session, or undefined when the session is unknown. */
  sessionTree(sessionId: string): SessionTree | undefined {
    const session = this.sessions.get(sessionId);
    if (!session) return undefined;
    return buildSessionTree({
      session,
      spans: this.sessionSpans(sessionId),
      events: this.events.filter((e) => e.session_id === sessionId),
      spanUpdates: this.spanUpdates,
    });
  }

  /** Resolves once `predicate()` is truthy (checked now, after every change, and every 20 ms); rejects after `timeoutMs`. */
  waitFor<T>(predicate: () => T | false | undefined | null, timeoutMs: number, describe: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      let poll: NodeJS.Timeout | undefined;
      const done = (): void => {
        this.waiters.delete(waiter);
        if (timer) clearTimeout(timer);
        if (poll) clearInterval(poll);
      };
      const waiter: Waiter = {
        check: () => {
          let result: T | false | undefined | null;
          try {
            result = predicate();
          } catch (error) {
            done();
            reject(error);
            return true;
          }
          if (!result) return false;
          done();
          resolve(result);
          return true;
        },
        fail: (error) => {
          done();
          reject(error);
        },
      };
      if (waiter.check()) return;
      this.waiters.add(waiter);
      // Changes inside the backend re-check at once; polling covers predicates over outside state.
      poll = setInterval(() => waiter.check(), 20);
      timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms: ${describe()}`));
      }, timeoutMs);
    });
  }

  /** Rejects every pending waiter (used by `stop()`). */
  failWaiters(error: Error): void {
    for (const waiter of [...this.waiters]) waiter.fail(error);
  }

  /** Re-checks every waiter. */
  notify(): void {
    for (const waiter of [...this.waiters]) waiter.check();
  }

  /** Re-arms the idle timer of a session (only when someone listens for completed sessions). */
  touchSession(sessionId: string): void {
    if (!this.onSessionComplete) return;
    const previous = this.idleTimers.get(sessionId);
    if (previous) clearTimeout(previous);
    const timer = setTimeout(() => {
      this.idleTimers.delete(sessionId);
      const tree = this.sessionTree(sessionId);
      if (tree) this.onSessionComplete?.(tree);
      this.notify();
    }, this.sessionIdleMs);
    timer.unref();
    this.idleTimers.set(sessionId, timer);
  }

  /** Forgets everything received and cancels idle timers (waiters stay pending). */
  clear(): void {
    this.spans.length = 0;
    this.spanIndex.clear();
    this.requests.length = 0;
    this.sessions.clear();
    this.events.length = 0;
    this.eventIndex.clear();
    this.spanUpdates.clear();
    this.idleTimers.forEach((timer) => clearTimeout(timer));
    this.idleTimers.clear();
  }
}
