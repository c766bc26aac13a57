import { backoffDelay, parseRetryAfter, RateLimitedLog, RateLimiter, type Logger } from '../src';

describe('RateLimiter', () => {
  it('admits one occurrence per key per interval and counts the ones held back', () => {
    let now = 0;
    const limiter = new RateLimiter(1000, () => now);
    expect(limiter.admit('a')).toBe(0);
    expect(limiter.admit('a')).toBeUndefined();
    expect(limiter.admit('a')).toBeUndefined();
    expect(limiter.admit('b')).toBe(0);
    now = 1000;
    expect(limiter.admit('a')).toBe(2);
    expect(limiter.admit('a')).toBeUndefined();
  });

  it('forgets the least recently admitted keys beyond 500, so unique keys cannot grow memory', () => {
    let now = 0;
    const limiter = new RateLimiter(1000, () => now);
    limiter.admit('first');
    limiter.admit('first');
    for (let i = 0; i < 600; i++) limiter.admit(`unique ${i}`);
    // forgotten: admitted again at once, with no count of what was held back before
    expect(limiter.admit('first')).toBe(0);
    now = 0;
    expect(limiter.admit('unique 599')).toBeUndefined();
  });
});

describe('RateLimitedLog', () => {
  it('writes one line per reason per interval, then says how many were held back', () => {
    const lines: string[] = [];
    const logger: Logger = { debug: (m) => lines.push(`debug ${m}`), info: () => {}, warn: (m) => lines.push(`warn ${m}`), error: () => {} };
    let now = 0;
    const log = new RateLimitedLog(logger, 100, () => now);
    for (let i = 0; i < 5; i++) log.note('queue_full', 'warn', () => 'queue full');
    log.note('filtered', 'debug', () => 'filtered');
    now = 100;
    log.note('queue_full', 'warn', () => 'queue full');
    expect(lines).toEqual(['warn queue full', 'debug filtered', 'warn queue full (4 more since the last report)']);
  });

  it('never throws, even when the logger or the message does', () => {
    const log = new RateLimitedLog({ debug: () => {}, info: () => {}, warn: () => { throw new Error('x'); }, error: () => {} });
    expect(() => log.note('r', 'warn', () => 'm')).not.toThrow();
    expect(() => new RateLimitedLog(undefined).note('r', 'warn', () => { throw new Error('y'); })).not.toThrow();
  });
});

describe('shared retry timing', () => {
  it('backs off exponentially with bounded jitter and honours Retry-After in seconds or as a date', () => {
    const opts = { initialBackoffMs: 250, multiplier: 2, maxBackoffMs: 5000, jitter: 0.2 };
    expect(backoffDelay(1, opts, () => 0.5)).toBe(250);
    expect(backoffDelay(2, opts, () => 1)).toBe(600);
    expect(backoffDelay(20, opts, () => 0.5)).toBe(5000);
    expect(parseRetryAfter('3', 0)).toBe(3000);
    expect(parseRetryAfter(new Date(5000).toUTCString(), 0)).toBe(5000);
    expect(parseRetryAfter('later', 0)).toBeUndefined();
  });
});
