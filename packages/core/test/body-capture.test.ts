import { SecretRedaction } from '@honeyhive/utils';
import { BodyCapture, DEFAULT_BODY_LIMITS, LEFT_OUT_KEY } from '../src/body-capture';

describe('BodyCapture', () => {
  it('copies ordinary values as JSON.stringify would, and counts nothing', () => {
    const capture = new BodyCapture();
    const value = { a: 1, b: 'two', c: [true, null, { d: 2.5 }], skipped: undefined };
    expect(capture.copy(value)).toEqual(JSON.parse(JSON.stringify(value)));
    expect(capture.cuts).toBe(0);
  });

  it('cuts a 10 MB string to the span limit with a visible marker', () => {
    const capture = new BodyCapture();
    const out = capture.copy({ big: 'x'.repeat(10 * 1024 * 1024) }) as { big: string };
    expect(out.big.length).toBe(DEFAULT_BODY_LIMITS.maxStringLength);
    expect(out.big).toMatch(/^x+…\[truncated \d+ chars\]$/);
    expect(capture.cuts).toBe(1);
  });

  it('marks cycles, getters and proxies without running user code (no getter, trap or toJSON is called)', () => {
    let calls = 0;
    const node: Record<string, unknown> = { name: 'root' };
    node.self = node;
    const getter = Object.defineProperty({ fine: 1 }, 'lazy', { enumerable: true, get: () => ++calls });
    const trap = () => ++calls;
    const proxy = new Proxy({}, { get: trap, ownKeys: () => { calls += 1; return []; }, getPrototypeOf: () => { calls += 1; return null; } });
    const out = new BodyCapture().copy({ node, getter, proxy, custom: { toJSON: () => ++calls, kept: true } });
    expect(out).toEqual({
      node: { name: 'root', self: '[Circular]' },
      getter: { fine: 1, lazy: '[Getter]' },
      proxy: '[Proxy]',
      custom: { toJSON: expect.stringMatching(/^\[Function/), kept: true },
    });
    expect(calls).toBe(0);
    expect(() => JSON.stringify(out)).not.toThrow();
  });

  it('redacts secret keys at every depth and the API key inside strings', () => {
    const apiKey = 'hh-body-capture-secret-key';
    const capture = new BodyCapture(DEFAULT_BODY_LIMITS, new SecretRedaction({ secrets: [apiKey] }));
    const out = capture.copy({ user: 'u1', nested: { password: 'hunter2', note: `key=${apiKey}` } });
    expect(out).toEqual({ user: 'u1', nested: { password: '<redacted>', note: 'key=<redacted>' } });
    expect(JSON.stringify(out)).not.toContain(apiKey);
  });

  it('says in the copy itself how many entries were left out', () => {
    const capture = new BodyCapture({ ...DEFAULT_BODY_LIMITS, maxEntries: 10 });
    const array = capture.copy(Array.from({ length: 5000 }, (_, i) => i)) as unknown[];
    expect(array).toHaveLength(11);
    expect(array[10]).toMatch(/^\[truncated: \d+ entries left out\]$/);
    const object = capture.copy(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]))) as Record<string, unknown>;
    expect(object[LEFT_OUT_KEY]).toMatch(/^\d+ entries left out$/);
    expect(capture.cuts).toBeGreaterThan(0);
  });
});
