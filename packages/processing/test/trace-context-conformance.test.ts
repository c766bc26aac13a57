import { INVALID_SPAN_CONTEXT, ROOT_CONTEXT, TraceFlags, trace } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { extractContext, injectContext, keepRandomTraceFlag, type HeaderCarrier } from '../src';

// Our own conformance tests, written from the W3C Trace Context specification (Level 2, strict reading of
// `tracestate`). Each case is a service continuing a trace: extract the incoming headers, start a span, inject
// the outgoing headers. Every case runs over both carrier shapes: one string per header name (repeated headers
// joined with ", ", as Node's `req.headers` does) and one array of values per name (`req.headersDistinct`,
// Lambda's `multiValueHeaders`).

type Headers = ReadonlyArray<readonly [name: string, value: string]>;

const ID = '12345678901234567890123456789012';
const PARENT = '1234567890123456';
const tp = (flags = '00', version = '00', traceId = ID, parentId = PARENT): string => `${version}-${traceId}-${parentId}-${flags}`;

const tracer = keepRandomTraceFlag(new BasicTracerProvider()).getTracer('w3c-conformance');

function stringCarrier(headers: Headers): HeaderCarrier {
  const carrier: Record<string, string> = {};
  for (const [name, value] of headers) carrier[name] = name in carrier ? `${carrier[name]}, ${value}` : value;
  return carrier;
}

function arrayCarrier(headers: Headers): HeaderCarrier {
  const carrier: Record<string, string[]> = {};
  for (const [name, value] of headers) (carrier[name] ??= []).push(value);
  return carrier;
}

const shapes = [
  ['string carrier', stringCarrier],
  ['array carrier', arrayCarrier],
] as const;

interface Outgoing {
  traceId: string;
  parentId: string;
  flags: number;
  /** Outgoing tracestate members in order; empty when no tracestate went out. */
  state: Array<[string, string]>;
  raw: Record<string, string>;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** Continues the incoming headers as a service does and reads what it sends on. */
function continueTrace(carrier: HeaderCarrier): Outgoing {
  const { context } = extractContext(carrier, ROOT_CONTEXT);
  const span = tracer.startSpan('handle', {}, context);
  const raw: Record<string, string> = {};
  injectContext(trace.setSpan(context, span), raw);
  span.end();
  const match = TRACEPARENT.exec(raw.traceparent ?? '');
  if (!match) throw new Error(`no valid outgoing traceparent: ${raw.traceparent}`);
  const state = (raw.tracestate ?? '')
    .split(',')
    .filter((member) => member !== '')
    .map((member): [string, string] => [member.slice(0, member.indexOf('=')), member.slice(member.indexOf('=') + 1)]);
  return { traceId: match[2]!, parentId: match[3]!, flags: parseInt(match[4]!, 16), state, raw };
}

const stateOf = (out: Outgoing): Record<string, string> => Object.fromEntries(out.state);

describe.each(shapes)('traceparent over a %s', (_shape, toCarrier) => {
  const send = (headers: Headers): Outgoing => continueTrace(toCarrier(headers));

  it('starts a new trace when there is none', () => {
    const out = send([]);
    expect(out.traceId).not.toBe('0'.repeat(32));
  });

  it('continues a valid traceparent with a new parent id, header name in any case', () => {
    for (const name of ['traceparent', 'TraceParent', 'TrAcEpArEnT', 'TRACEPARENT']) {
      const out = send([[name, tp('01')]]);
      expect(out.traceId).toBe(ID);
      expect(out.parentId).not.toBe(PARENT);
    }
  });

  it('starts a new trace when traceparent is repeated (two values are unusable, not guessed)', () => {
    const out = send([
      ['traceparent', tp('01', '00', '12345678901234567890123456789011')],
      ['traceparent', tp('01')],
    ]);
    expect(out.traceId).not.toBe(ID);
    expect(out.traceId).not.toBe('12345678901234567890123456789011');
  });

  it.each([
    ['wrong header name', [['trace-parent', tp('01')]]],
    ['wrong header name (dot)', [['trace.parent', tp('01')]]],
    ['version 00 with a trailing character', [['traceparent', `${tp('01')}.`]]],
    ['version 00 with more fields', [['traceparent', `${tp('01')}-what-the-future-will-be-like`]]],
    ['future version followed by a non-dash', [['traceparent', `${tp('01', 'cc')}.what-the-future-will-be-like`]]],
    ['version ff', [['traceparent', tp('01', 'ff')]]],
    ['illegal characters in the version', [['traceparent', tp('01', '.0')]]],
    ['illegal characters in the version (2)', [['traceparent', tp('01', '0.')]]],
    ['version too long', [['traceparent', tp('01', '000')]]],
    ['version too short', [['traceparent', tp('01', '0')]]],
    ['all-zero trace id', [['traceparent', tp('01', '00', '0'.repeat(32))]]],
    ['illegal characters in the trace id', [['traceparent', tp('01', '00', `.${ID.slice(1)}`)]]],
    ['trace id too long', [['traceparent', tp('01', '00', `${ID}3`)]]],
    ['trace id too short', [['traceparent', tp('01', '00', ID.slice(1))]]],
    ['all-zero parent id', [['traceparent', tp('01', '00', ID, '0'.repeat(16))]]],
    ['illegal characters in the parent id', [['traceparent', tp('01', '00', ID, `${PARENT.slice(1)}.`)]]],
    ['parent id too long', [['traceparent', tp('01', '00', ID, `${PARENT}7`)]]],
    ['parent id too short', [['traceparent', tp('01', '00', ID, PARENT.slice(1))]]],
    ['illegal characters in the flags', [['traceparent', tp('.0')]]],
    ['flags too long', [['traceparent', tp('001')]]],
    ['flags too short', [['traceparent', tp('1')]]],
  ] as Array<[string, Headers]>)('starts a new trace on %s', (_label, headers) => {
    const out = send(headers);
    expect(out.traceId).not.toBe(ID);
    expect(out.traceId).not.toBe('0'.repeat(32));
  });

  it('continues a future version, with or without more dash-separated fields', () => {
    expect(send([['traceparent', tp('01', 'cc')]]).traceId).toBe(ID);
    expect(send([['traceparent', `${tp('01', 'cc')}-what-the-future-will-be-like`]]).traceId).toBe(ID);
  });

  it('ignores optional whitespace around traceparent', () => {
    for (const value of [` ${tp('01')}`, `\t${tp('01')}`, `${tp('01')} `, `${tp('01')}\t`]) {
      expect(send([['traceparent', value]]).traceId).toBe(ID);
    }
  });

  it('gives every outgoing call of one request the same trace id and its own parent id', () => {
    const carrier = toCarrier([['traceparent', tp('01')]]);
    const { context } = extractContext(carrier, ROOT_CONTEXT);
    const parents = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const span = tracer.startSpan('call', {}, context);
      const raw: Record<string, string> = {};
      injectContext(trace.setSpan(context, span), raw);
      expect(raw.traceparent?.split('-')[1]).toBe(ID);
      parents.add(raw.traceparent!.split('-')[2]!);
    }
    expect(parents.size).toBe(3);
  });
});

describe.each(shapes)('random flag (Level 2) over a %s', (_shape, toCarrier) => {
  const send = (headers: Headers): Outgoing => continueTrace(toCarrier(headers));

  it('keeps the random flag of a continued trace, sampled or not', () => {
    const unsampled = send([['traceparent', tp('02')]]);
    expect(unsampled.traceId).toBe(ID);
    expect(unsampled.parentId).not.toBe(PARENT);
    expect(unsampled.flags & 0x02).toBe(0x02);
    expect(unsampled.flags & 0x01).toBe(0);
    expect(send([['traceparent', tp('03')]]).flags).toBe(0x03);
  });

  it('does not claim randomness for a continued trace whose parent did not', () => {
    expect(send([['traceparent', tp('01')]]).flags).toBe(0x01);
    expect(send([['traceparent', tp('00')]]).flags).toBe(0x00);
  });

  it('sets the random flag on a trace whose id it generated', () => {
    expect(send([]).flags & 0x02).toBe(0x02);
    expect(send([['traceparent', tp('02', 'ff')]]).flags & 0x02).toBe(0x02);
  });
});

describe.each(shapes)('tracestate over a %s', (_shape, toCarrier) => {
  const send = (headers: Headers): Outgoing => continueTrace(toCarrier(headers));
  const parent: readonly [string, string] = ['traceparent', tp('00')];

  it('is not read without a valid traceparent', () => {
    expect(send([['tracestate', 'foo=1']]).state).toEqual([]);
    expect(send([['tracestate', 'foo=1,bar=2']]).state).toEqual([]);
    expect(send([['traceparent', tp('00', 'ff')], ['tracestate', 'foo=1']]).state).toEqual([]);
  });

  it('is passed on with the continued trace, header name in any case', () => {
    expect(send([parent, ['tracestate', 'foo=1,bar=2']]).state).toEqual([
      ['foo', '1'],
      ['bar', '2'],
    ]);
    for (const name of ['TraceState', 'TrAcEsTaTe', 'TRACESTATE']) expect(send([parent, [name, 'foo=1']]).state).toEqual([['foo', '1']]);
  });

  it('is not read under a wrong header name', () => {
    expect(send([parent, ['trace-state', 'foo=1']]).state).toEqual([]);
    expect(send([parent, ['trace.state', 'foo=1']]).state).toEqual([]);
  });

  it('accepts an empty header and empty members, and sends none for them', () => {
    const empty = send([parent, ['tracestate', '']]);
    expect(empty.traceId).toBe(ID);
    expect(empty.raw.tracestate).toBeUndefined();
    expect(send([parent, ['tracestate', 'foo=1'], ['tracestate', '']]).state).toEqual([['foo', '1']]);
    expect(send([parent, ['tracestate', ''], ['tracestate', 'foo=1']]).state).toEqual([['foo', '1']]);
    expect(send([parent, ['tracestate', ' , \t,foo=1,,']]).state).toEqual([['foo', '1']]);
  });

  it('combines repeated headers in order', () => {
    const out = send([parent, ['tracestate', 'foo=1,bar=2'], ['tracestate', 'rojo=1,congo=2'], ['tracestate', 'baz=3']]);
    expect(out.traceId).toBe(ID);
    expect(out.raw.tracestate).toBe('foo=1,bar=2,rojo=1,congo=2,baz=3');
  });

  it('keeps the left-most value of a repeated key', () => {
    expect(send([parent, ['tracestate', 'foo=1,foo=1']]).raw.tracestate).toBe('foo=1');
    expect(send([parent, ['tracestate', 'foo=1,foo=2']]).raw.tracestate).toBe('foo=1');
    expect(send([parent, ['tracestate', 'foo=1'], ['tracestate', 'foo=1']]).raw.tracestate).toBe('foo=1');
    expect(send([parent, ['tracestate', 'foo=1'], ['tracestate', 'foo=2']]).raw.tracestate).toBe('foo=1');
  });

  it('accepts every allowed key and value character', () => {
    const key = 'abcdefghijklmnopqrstuvwxyz0123456789_-*/';
    const value = [...Array(0x7f - 0x20).keys()].map((i) => String.fromCharCode(0x20 + i)).filter((c) => c !== ',' && c !== '=').join('');
    expect(stateOf(send([parent, ['tracestate', `${key}=${value}`]]))[key]).toBe(value);
    expect(stateOf(send([parent, ['tracestate', `${key}@a-z0-9_-*/=${value}`]]))[`${key}@a-z0-9_-*/`]).toBe(value);
  });

  it('ignores optional whitespace around members', () => {
    for (const header of ['foo=1 \t , \t bar=2, \t baz=3', 'foo=1\t \t,\t \tbar=2,\t \tbaz=3']) {
      expect(stateOf(send([parent, ['tracestate', header]]))).toEqual({ foo: '1', bar: '2', baz: '3' });
    }
    for (const header of [' foo=1', '\tfoo=1', 'foo=1 ', 'foo=1\t', '\t foo=1 \t']) {
      const out = send([parent, ['tracestate', header]]);
      expect(out.traceId).toBe(ID);
      expect(out.state).toEqual([['foo', '1']]);
    }
  });

  it.each([
    ['a space inside the key', 'foo =1'],
    ['an upper-case key', 'FOO=1'],
    ['a dot in the key', 'foo.bar=1'],
    ['a key starting with @', '@foo=1,bar=2'],
    ['a value with an equals sign', 'foo=bar=baz'],
    ['an empty value', 'foo=,bar=3'],
    ['a control character in the value', 'foo=1\u0001,bar=3'],
    ['a member without =', 'foo,bar=3'],
  ])('drops the whole header (strict) on %s, and still continues the trace', (_label, header) => {
    const out = send([parent, ['tracestate', 'first=0'], ['tracestate', header]]);
    expect(out.traceId).toBe(ID);
    expect(out.raw.tracestate).toBeUndefined();
  });

  it('accepts @ anywhere in a key but first', () => {
    expect(stateOf(send([parent, ['tracestate', 'foo@=1,bar=2']]))).toEqual({ 'foo@': '1', bar: '2' });
    expect(stateOf(send([parent, ['tracestate', 'foo@@bar=1,bar=2']]))).toEqual({ 'foo@@bar': '1', bar: '2' });
    expect(stateOf(send([parent, ['tracestate', 'foo@bar@baz=1,bar=2']]))).toEqual({ 'foo@bar@baz': '1', bar: '2' });
    expect(stateOf(send([parent, ['tracestate', '0vendor@t=1']]))).toEqual({ '0vendor@t': '1' });
  });

  it('accepts keys up to 256 characters and drops the whole header on a longer one', () => {
    for (const key of ['z'.repeat(256), `${'t'.repeat(241)}@${'v'.repeat(14)}`, `${'t'.repeat(242)}@v`, `t@${'v'.repeat(15)}`]) {
      expect(stateOf(send([parent, ['tracestate', 'foo=1'], ['tracestate', `${key}=1`]]))).toEqual({ foo: '1', [key]: '1' });
    }
    expect(send([parent, ['tracestate', 'foo=1'], ['tracestate', `${'z'.repeat(257)}=1`]]).raw.tracestate).toBeUndefined();
  });

  it('accepts values up to 256 characters and drops the whole header on a longer one', () => {
    expect(stateOf(send([parent, ['tracestate', `foo=${'v'.repeat(256)}`]])).foo).toHaveLength(256);
    expect(send([parent, ['tracestate', `foo=${'v'.repeat(257)}`]]).raw.tracestate).toBeUndefined();
  });

  it('accepts 32 members over several headers and drops the whole header at 33', () => {
    const members = (from: number, to: number): string =>
      Array.from({ length: to - from + 1 }, (_, i) => `bar${String(from + i).padStart(2, '0')}=${String(from + i).padStart(2, '0')}`).join(',');
    const split = (last: number): Headers => [
      parent,
      ['tracestate', members(1, 10)],
      ['tracestate', members(11, 20)],
      ['tracestate', members(21, 30)],
      ['tracestate', members(31, last)],
    ];
    const full = send(split(32));
    expect(full.state).toHaveLength(32);
    expect(full.state[0]).toEqual(['bar01', '01']);
    expect(send(split(33)).raw.tracestate).toBeUndefined();
  });
});

describe('random flag and contexts the SDK does not generate', () => {
  it('never touches the shared invalid context of a span under suppressed tracing', () => {
    const span = tracer.startSpan('suppressed', {}, suppressTracing(ROOT_CONTEXT));
    expect(span.spanContext()).toBe(INVALID_SPAN_CONTEXT);
    expect(INVALID_SPAN_CONTEXT.traceFlags).toBe(TraceFlags.NONE);
  });

  it('starts a new random trace under a parent whose span id is invalid, and keeps nothing of it', () => {
    const parent = { traceId: ID, spanId: '0'.repeat(16), traceFlags: 0x01, isRemote: true };
    const span = tracer.startSpan('child', {}, trace.setSpanContext(ROOT_CONTEXT, parent));
    expect(span.spanContext().traceId).not.toBe(ID);
    expect(span.spanContext().traceFlags & 0x02).toBe(0x02);
  });

  it('keeps the parent bit of a programmatic parent context (no propagator involved)', () => {
    const parent = { traceId: ID, spanId: PARENT, traceFlags: 0x01, isRemote: false };
    const span = tracer.startSpan('child', {}, trace.setSpanContext(ROOT_CONTEXT, parent));
    expect(span.spanContext().traceId).toBe(ID);
    expect(span.spanContext().traceFlags & 0x02).toBe(0);
  });
});
