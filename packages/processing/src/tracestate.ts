import type { TraceState } from '@opentelemetry/api';

/** At most this many list members (W3C Trace Context, `tracestate`). */
const MAX_TRACESTATE_MEMBERS = 32;

// key = ( lcalpha / DIGIT ) 0*255 ( keychar ); keychar = lcalpha / DIGIT / "_" / "-" / "*" / "/" / "@"
const KEY = /^[a-z0-9][a-z0-9_\-*/@]{0,255}$/;
// value = 0*255( chr ) nblk-chr; chr = %x20 / nblk-chr; nblk-chr = %x21-2B / %x2D-3C / %x3E-7E
const VALUE = /^[\x20-\x2b\x2d-\x3c\x3e-\x7e]{0,255}[\x21-\x2b\x2d-\x3c\x3e-\x7e]$/;
// OWS around list members: spaces and horizontal tabs only
const OWS_EDGES = /^[ \t]+|[ \t]+$/g;

/** A W3C `tracestate`: ordered, unique keys, at most 32 members. Immutable, as the OpenTelemetry API expects. */
export class W3CTraceState implements TraceState {
  private constructor(private readonly members: ReadonlyArray<readonly [string, string]>) {}

  /** An empty tracestate. */
  static empty(): W3CTraceState {
    return new W3CTraceState([]);
  }

  /**
   * Parses `tracestate` header values; several values (repeated headers) are combined in order, as one
   * comma-separated list. Strict: one malformed member (key or value outside the grammar), or more than 32
   * members, makes the whole header unusable (`undefined`). Empty members are allowed and skipped. A repeated
   * key keeps its left-most value. An empty or whitespace-only header gives `undefined`.
   */
  static parse(values: string | readonly string[] | undefined): W3CTraceState | undefined {
    if (values === undefined) return undefined;
    const list = typeof values === 'string' ? values : values.join(',');
    if (typeof list !== 'string') return undefined;
    const members: Array<readonly [string, string]> = [];
    const seen = new Set<string>();
    let count = 0;
    for (const raw of list.split(',')) {
      const member = raw.replace(OWS_EDGES, '');
      if (member === '') continue;
      if (++count > MAX_TRACESTATE_MEMBERS) return undefined;
      const equals = member.indexOf('=');
      if (equals <= 0) return undefined;
      const key = member.slice(0, equals);
      const value = member.slice(equals + 1);
      if (!KEY.test(key) || !VALUE.test(value)) return undefined;
      if (seen.has(key)) continue;
      seen.add(key);
      members.push([key, value]);
    }
    return members.length > 0 ? new W3CTraceState(members) : undefined;
  }

  /** Adds or updates `key`, moved to the left; the right-most member goes when there would be more than 32. */
  set(key: string, value: string): W3CTraceState {
    if (!KEY.test(key) || !VALUE.test(value)) return this;
    const rest = this.members.filter(([existing]) => existing !== key);
    return new W3CTraceState([[key, value] as const, ...rest].slice(0, MAX_TRACESTATE_MEMBERS));
  }

  /** Removes `key`. */
  unset(key: string): W3CTraceState {
    return new W3CTraceState(this.members.filter(([existing]) => existing !== key));
  }

  /** The value of `key`, if present. */
  get(key: string): string | undefined {
    return this.members.find(([existing]) => existing === key)?.[1];
  }

  /** The header value: `key=value` members joined by commas, in order. */
  serialize(): string {
    return this.members.map(([key, value]) => `${key}=${value}`).join(',');
  }
}
