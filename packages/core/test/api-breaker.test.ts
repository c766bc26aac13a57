import { AuthBreaker } from '../src/api-breaker';

function clock(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('AuthBreaker', () => {
  it('lets everything through until the key is rejected, then only a slow probe', () => {
    const time = clock();
    const breaker = new AuthBreaker({ firstProbeAfterMs: 1_000, maxProbeAfterMs: 3_000, now: time.now });
    expect(breaker.admit()).toEqual({ send: true, probe: false });
    expect(breaker.record('other', false)).toBeUndefined();
    expect(breaker.status()).toEqual({ state: 'ok' });

    expect(breaker.record('unauthorized', false)).toBe('opened');
    expect(breaker.status()).toEqual({ state: 'paused', reason: 'unauthorized', nextProbeInMs: 1_000 });
    expect(breaker.admit()).toEqual({ send: false, probe: false });
    // a call already in flight when it opened, rejected too: no second "opened"
    expect(breaker.record('unauthorized', false)).toBeUndefined();

    time.advance(1_000);
    expect(breaker.admit()).toEqual({ send: true, probe: true });
    expect(breaker.admit()).toEqual({ send: false, probe: false }); // one probe at a time
    expect(breaker.record('unauthorized', true)).toBeUndefined();
    expect(breaker.status().nextProbeInMs).toBe(2_000); // doubled

    time.advance(2_000);
    expect(breaker.admit().probe).toBe(true);
    breaker.record('unauthorized', true);
    expect(breaker.status().nextProbeInMs).toBe(3_000); // capped

    time.advance(3_000);
    expect(breaker.admit().probe).toBe(true);
    breaker.record('other', true); // e.g. a timeout: same wait, still paused
    expect(breaker.status()).toEqual({ state: 'paused', reason: 'unauthorized', nextProbeInMs: 3_000 });

    time.advance(3_000);
    expect(breaker.admit().probe).toBe(true);
    expect(breaker.record('ok', true)).toBe('closed');
    expect(breaker.status()).toEqual({ state: 'ok' });
    expect(breaker.admit()).toEqual({ send: true, probe: false });
    // a later rejection starts over from the first wait
    expect(breaker.record('unauthorized', false)).toBe('opened');
    expect(breaker.status().nextProbeInMs).toBe(1_000);
  });

  it('uses 30 s before the first probe by default and ignores unusable timings', () => {
    const time = clock();
    const breaker = new AuthBreaker({ firstProbeAfterMs: -5, maxProbeAfterMs: Number.NaN, now: time.now });
    breaker.record('unauthorized', false);
    expect(breaker.status().nextProbeInMs).toBe(30_000);
    expect(breaker.firstProbeAfter).toBe(30_000);
  });
});
