import { inspect } from 'node:util';
import type { Logger } from '@honeyhive/utils';
import { ErrorPolicy, HoneyHiveError, redactSecrets } from '@honeyhive/integration';

interface Line {
  level: keyof Logger;
  text: string;
}

function recordingLogger(): { logger: Logger; lines: Line[] } {
  const lines: Line[] = [];
  const at = (level: keyof Logger) => (text: string) => {
    lines.push({ level, text });
  };
  return { logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, lines };
}

function manualClock(start = 1_000): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => (time += ms) };
}

describe('ErrorPolicy.report', () => {
  it('logs the first occurrence, suppresses repeats within the window and says how many on the next line', () => {
    const { logger, lines } = recordingLogger();
    const clock = manualClock();
    const policy = new ErrorPolicy({ logger, rateLimitMs: 60_000, now: clock.now });
    policy.report('export', new Error('connection refused'));
    policy.report('export', new Error('connection refused'));
    policy.report('export', new Error('connection refused'));
    expect(lines).toEqual([{ level: 'warn', text: 'export failed: connection refused' }]);
    clock.advance(60_000);
    policy.report('export', new Error('connection refused'));
    expect(lines).toHaveLength(2);
    expect(lines[1]?.text).toBe('export failed: connection refused (2 more like this suppressed since the last report)');
    clock.advance(60_000);
    policy.report('export', new Error('connection refused'));
    expect(lines[2]?.text).toBe('export failed: connection refused');
  });

  it('rate-limits per operation and message separately', () => {
    const { logger, lines } = recordingLogger();
    const policy = new ErrorPolicy({ logger, now: manualClock().now });
    policy.report('export', new Error('timeout'));
    policy.report('export', new Error('HTTP 500'));
    policy.report('session.start', new Error('timeout'));
    policy.report('session.start', new Error('timeout'));
    expect(lines.map((line) => line.text)).toEqual([
      'export failed: timeout',
      'export failed: HTTP 500',
      'session.start failed: timeout',
    ]);
  });

  it('logs at the reported severity', () => {
    const { logger, lines } = recordingLogger();
    const policy = new ErrorPolicy({ logger });
    policy.report('shutdown', 'gave up', 'error');
    expect(lines).toEqual([{ level: 'error', text: 'shutdown failed: gave up' }]);
  });

  it('counts every report per operation, logged or suppressed', () => {
    const policy = new ErrorPolicy({ logger: recordingLogger().logger });
    policy.report('export', new Error('a'));
    policy.report('export', new Error('a'));
    policy.report('enrichSpan', new Error('b'));
    expect(policy.counts()).toEqual({ export: 2, enrichSpan: 1 });
    const copy = policy.counts();
    copy.export = 99;
    expect(policy.counts().export).toBe(2);
  });

  it('calls onError with an Error and the operation for every report, rate-limited or not', () => {
    const calls: Array<[string, string, string]> = [];
    const policy = new ErrorPolicy({
      logger: recordingLogger().logger,
      onError: (error, info) => calls.push([error.message, info.operation, info.severity]),
    });
    const original = new Error('boom');
    policy.report('export', original);
    policy.report('export', 'text failure', 'error');
    expect(calls).toEqual([
      ['boom', 'export', 'warn'],
      ['text failure', 'export', 'error'],
    ]);
  });

  it('swallows a throwing onError hook and notes it once', () => {
    const { logger, lines } = recordingLogger();
    const policy = new ErrorPolicy({
      logger,
      onError: () => {
        throw new Error('hook broke');
      },
    });
    expect(() => policy.report('export', new Error('x'))).not.toThrow();
    expect(() => policy.report('flush', new Error('y'))).not.toThrow();
    const hookLines = lines.filter((line) => line.text.includes('onError hook threw'));
    expect(hookLines).toHaveLength(1);
    expect(hookLines[0]?.text).toContain('hook broke');
    expect(lines.filter((line) => line.text.endsWith('failed: x') || line.text.endsWith('failed: y'))).toHaveLength(2);
  });

  it('survives a throwing logger', () => {
    const throwing = () => {
      throw new Error('logger down');
    };
    const policy = new ErrorPolicy({ logger: { debug: throwing, info: throwing, warn: throwing, error: throwing } });
    expect(() => policy.report('export', new Error('x'))).not.toThrow();
    expect(policy.counts()).toEqual({ export: 1 });
  });

  it('never logs the configured secrets or bearer tokens, stack included', () => {
    const { logger, lines } = recordingLogger();
    const apiKey = 'hh_live_1234567890abcdef';
    const policy = new ErrorPolicy({ logger, verbose: true, secrets: [apiKey] });
    policy.report('session.start', new Error(`request with key ${apiKey} failed`));
    policy.report('export', new Error('sent Authorization: Bearer abc.def-ghi_jkl failed'));
    const text = lines.map((line) => line.text).join('\n');
    expect(text).not.toContain(apiKey);
    expect(text).not.toContain('abc.def-ghi_jkl');
    expect(text).toContain('<redacted>');
    expect(lines.some((line) => line.level === 'debug' && line.text.includes('at '))).toBe(true);
  });

  it('redacts secrets added after construction', () => {
    const { logger, lines } = recordingLogger();
    const policy = new ErrorPolicy({ logger });
    policy.addSecrets('late-secret-value');
    policy.report('export', new Error('late-secret-value leaked'));
    expect(lines[0]?.text).toBe('export failed: <redacted> leaked');
  });

  it('keeps its secrets out of util.inspect and JSON.stringify', () => {
    const policy = new ErrorPolicy({ secrets: ['hidden-secret-one'] });
    policy.addSecrets('hidden-secret-two');
    const shown = inspect(policy, { depth: 10, showHidden: true }) + JSON.stringify(policy);
    expect(shown).not.toContain('hidden-secret-one');
    expect(shown).not.toContain('hidden-secret-two');
    expect(policy.redact('hidden-secret-two')).toBe('<redacted>');
  });

  it('does not log stacks unless verbose', () => {
    const { logger, lines } = recordingLogger();
    new ErrorPolicy({ logger }).report('export', new Error('x'));
    expect(lines.some((line) => line.level === 'debug')).toBe(false);
  });
});

describe('ErrorPolicy.guard / guardAsync', () => {
  it('returns the result when fn succeeds and the fallback after reporting when it throws', () => {
    const { logger, lines } = recordingLogger();
    const policy = new ErrorPolicy({ logger });
    expect(policy.guard('compute', () => 42, 0)).toBe(42);
    expect(
      policy.guard('compute', () => {
        throw new Error('nope');
      }, 'fallback'),
    ).toBe('fallback');
    expect(lines.map((line) => line.text)).toEqual(['compute failed: nope']);
  });

  it('resolves to the fallback when fn throws synchronously or rejects', async () => {
    const policy = new ErrorPolicy({ logger: recordingLogger().logger });
    await expect(policy.guardAsync('a', async () => 'ok', 'fb')).resolves.toBe('ok');
    await expect(policy.guardAsync('a', async () => Promise.reject(new Error('r')), 'fb')).resolves.toBe('fb');
    await expect(
      policy.guardAsync('b', () => {
        throw new Error('sync');
      }, null),
    ).resolves.toBeNull();
    expect(policy.counts()).toEqual({ a: 1, b: 1 });
  });
});

describe('redactSecrets', () => {
  it('removes api_key-like fragments and leaves other text alone', () => {
    expect(redactSecrets('GET /x?api_key=abc123&y=2')).toBe('GET /x?api_key=<redacted>&y=2');
    expect(redactSecrets('{"apiKey": "abc123"}')).toBe('{"apiKey": "<redacted>"}');
    expect(redactSecrets('plain message')).toBe('plain message');
  });

  it('ignores secrets shorter than 4 characters', () => {
    expect(redactSecrets('a b c', ['a'])).toBe('a b c');
  });
});

describe('HoneyHiveError', () => {
  it('is an Error with a code and the subclass name', () => {
    class SpecialError extends HoneyHiveError {}
    const error = new SpecialError('HH_SPECIAL', 'special');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(HoneyHiveError);
    expect(error).toBeInstanceOf(SpecialError);
    expect(error.code).toBe('HH_SPECIAL');
    expect(error.name).toBe('SpecialError');
  });
});
