import { inspect } from 'node:util';
import { ErrorPolicy, redactError } from '@honeyhive/integration';

const KEY = 'hh-unit-secret-key-31f0';
const everything = (error: Error) => inspect(error, { depth: 12, showHidden: true, getters: false });

class ExporterError extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly data: string,
  ) {
    super(message);
    this.name = 'ExporterError';
  }
}

describe('redactError', () => {
  it('returns the same error when nothing in it is secret', () => {
    const error = new Error('export failed', { cause: new ExporterError('HTTP 500', 500, '{"error":"busy"}') });
    expect(redactError(error, [KEY])).toBe(error);
  });

  it('redacts an echoed key in a cause field and keeps class, fields and the original untouched', () => {
    const cause = new ExporterError('HTTP 401', 401, `{"error":"bad key ${KEY}"}`);
    const error = new Error('1 span(s) not delivered', { cause });
    const redacted = redactError(error, [KEY]);
    expect(redacted).not.toBe(error);
    expect(everything(redacted)).not.toContain(KEY);
    const copiedCause = redacted.cause as ExporterError;
    expect(copiedCause).toBeInstanceOf(ExporterError);
    expect(copiedCause).toMatchObject({ name: 'ExporterError', code: 401, message: 'HTTP 401', data: '{"error":"bad key <redacted>"}' });
    expect(redacted.message).toBe('1 span(s) not delivered');
    expect(cause.data).toContain(KEY);
  });

  it('redacts Bearer tokens in a message and a gRPC-like metadata map of strings and bytes', () => {
    const metadata = { internalRepr: new Map<string, unknown[]>([['www-authenticate', [`Bearer ${KEY}`]], ['x-echo-bin', [Buffer.from(`key=${KEY}`)]]]) };
    const error = Object.assign(new Error(`16 UNAUTHENTICATED: Authorization: Bearer abc.def`), { code: 16, details: `token ${KEY}`, metadata });
    const redacted = redactError(error, [KEY]);
    const text = everything(redacted);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('abc.def');
    expect(redacted.message).toBe('16 UNAUTHENTICATED: Authorization: Bearer <redacted>');
    expect(Buffer.isBuffer((redacted as typeof error).metadata.internalRepr.get('x-echo-bin')?.[0])).toBe(true);
  });

  it('survives cycles and never runs getters', () => {
    let getterRuns = 0;
    const error = new Error(`failed with ${KEY}`) as Error & { self?: unknown; lazy?: unknown };
    error.self = { error };
    Object.defineProperty(error, 'lazy', { enumerable: true, get: () => ++getterRuns });
    const redacted = redactError(error, [KEY]) as typeof error;
    expect(getterRuns).toBe(0);
    expect((redacted.self as { error: unknown }).error).toBe(redacted);
    expect(everything(redacted)).not.toContain(KEY);
  });
});

describe('ErrorPolicy and onError', () => {
  it('hands the hook a redacted error, like the logged line', () => {
    const seen: Error[] = [];
    const lines: string[] = [];
    const sink = (line: string) => void lines.push(line);
    const policy = new ErrorPolicy({ secrets: [KEY], onError: (error) => seen.push(error), logger: { debug: sink, info: sink, warn: sink, error: sink } });
    policy.report('export', new Error('HTTP 401', { cause: { data: `{"error":"key ${KEY} refused"}` } }));
    policy.report('export', `api_key=${KEY}`);
    expect(seen).toHaveLength(2);
    for (const error of seen) expect(everything(error)).not.toContain(KEY);
    expect(lines.join('\n')).not.toContain(KEY);
  });
});
