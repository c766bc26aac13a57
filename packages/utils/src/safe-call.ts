function report(onError: ((error: unknown) => void) | undefined, error: unknown): void {
  if (onError === undefined) return;
  try {
    onError(error);
  } catch {
    // an error handler that throws must not break the caller either
  }
}

/**
 * Runs `fn` and returns its result, or `fallback` when it throws (after passing the error to `onError`).
 * Never throws, even when `onError` does.
 */
export function safeCall<T, F>(fn: () => T, fallback: F, onError?: (error: unknown) => void): T | F {
  try {
    return fn();
  } catch (error) {
    report(onError, error);
    return fallback;
  }
}

/**
 * Awaits `fn` and resolves to its result, or to `fallback` when it throws or rejects (after passing the
 * error to `onError`). Never rejects, even when `onError` throws.
 */
export async function safeCallAsync<T, F>(
  fn: () => T | Promise<T>,
  fallback: F,
  onError?: (error: unknown) => void,
): Promise<T | F> {
  try {
    return await fn();
  } catch (error) {
    report(onError, error);
    return fallback;
  }
}

const MAX_MESSAGE_LENGTH = 2000;

function clip(text: string): string {
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH)}…` : text;
}

function ownMessage(value: object): string | undefined {
  try {
    const message = (value as { message?: unknown }).message;
    return typeof message === 'string' ? message : undefined;
  } catch {
    return undefined;
  }
}

function errorName(value: object): string | undefined {
  try {
    const name = (value as { name?: unknown }).name;
    return typeof name === 'string' && name !== '' ? name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A readable message for anything thrown: a string as it is, an error's `message` (its name when the
 * message is empty), else the value's text. Never throws, even for objects whose `toString` throws.
 */
export function errorMessage(error: unknown): string {
  try {
    if (typeof error === 'string') return error;
    if (error !== null && typeof error === 'object') {
      const message = ownMessage(error);
      if (message !== undefined && message !== '') return message;
      if (message === '') return errorName(error) ?? 'Error';
      const text = String(error);
      if (text !== '[object Object]') return clip(text);
      try {
        const json = JSON.stringify(error);
        if (typeof json === 'string') return clip(json);
      } catch {
        // fall back to the plain text
      }
      return text;
    }
    return String(error);
  } catch {
    return '[unprintable error]';
  }
}

/**
 * `error` itself when it is an Error; otherwise a new Error whose message is {@link errorMessage}
 * and whose `cause` is the original value. Never throws.
 */
export function toError(error: unknown): Error {
  try {
    if (error instanceof Error) return error;
  } catch {
    // a proxy whose getPrototypeOf trap throws
  }
  const message = errorMessage(error);
  try {
    return new Error(message, { cause: error });
  } catch {
    return new Error(message);
  }
}
