import { errorMessage, safeCall, safeCallAsync, toError } from '../src/safe-call';

describe('safeCall', () => {
  it('returns the result when fn succeeds, without calling onError', () => {
    const onError = jest.fn();
    expect(safeCall(() => 42, 'fallback', onError)).toBe(42);
    expect(onError).not.toHaveBeenCalled();
  });

  it('returns the fallback and reports the very error object when fn throws', () => {
    const error = new Error('boom');
    const onError = jest.fn();
    expect(
      safeCall(
        () => {
          throw error;
        },
        'fallback',
        onError,
      ),
    ).toBe('fallback');
    expect(onError).toHaveBeenCalledWith(error);
  });

  it('swallows an onError that throws', () => {
    const result = safeCall(
      () => {
        throw new Error('first');
      },
      7,
      () => {
        throw new Error('second');
      },
    );
    expect(result).toBe(7);
  });
});

describe('safeCallAsync', () => {
  it('resolves to the result of a sync or async fn', async () => {
    await expect(safeCallAsync(() => 1, 0)).resolves.toBe(1);
    await expect(safeCallAsync(async () => 2, 0)).resolves.toBe(2);
  });

  it('resolves to the fallback on a sync throw or a rejection, reporting the error', async () => {
    const onError = jest.fn();
    await expect(
      safeCallAsync(
        () => {
          throw new Error('sync');
        },
        'f',
        onError,
      ),
    ).resolves.toBe('f');
    await expect(safeCallAsync(() => Promise.reject('async'), 'g', onError)).resolves.toBe('g');
    expect(onError.mock.calls.map(([error]) => errorMessage(error))).toEqual(['sync', 'async']);
  });

  it('never rejects, even when onError throws', async () => {
    await expect(
      safeCallAsync(
        async () => {
          throw new Error('x');
        },
        null,
        () => {
          throw new Error('y');
        },
      ),
    ).resolves.toBeNull();
  });
});

describe('errorMessage', () => {
  it('reads strings, Errors and error-like objects', () => {
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage(new TypeError('typed'))).toBe('typed');
    expect(errorMessage({ message: 'like an error' })).toBe('like an error');
    expect(errorMessage(new RangeError(''))).toBe('RangeError');
  });

  it('describes other values', () => {
    expect(errorMessage(404)).toBe('404');
    expect(errorMessage(null)).toBe('null');
    expect(errorMessage(undefined)).toBe('undefined');
    expect(errorMessage({ code: 'E42' })).toBe('{"code":"E42"}');
    expect(errorMessage(Symbol('s'))).toBe('Symbol(s)');
  });

  it('never throws, even when toString and message throw', () => {
    const nasty = {
      get message(): string {
        throw new Error('no message');
      },
      toString() {
        throw new Error('no string');
      },
    };
    expect(typeof errorMessage(nasty)).toBe('string');
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(typeof errorMessage(proxy)).toBe('string');
    expect(typeof errorMessage(Object.create(null))).toBe('string');
  });
});

describe('toError', () => {
  it('returns the same Error object', () => {
    const error = new Error('same');
    expect(toError(error)).toBe(error);
  });

  it('wraps other values with their message and the original as cause', () => {
    const thrown = { code: 1 };
    const error = toError(thrown);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('{"code":1}');
    expect(error.cause).toBe(thrown);
    expect(toError('text').message).toBe('text');
  });

  it('never throws on a revoked proxy', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(toError(proxy)).toBeInstanceOf(Error);
  });
});
