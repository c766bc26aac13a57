import { diag, DiagLogLevel } from '@opentelemetry/api';
import type { DiagLogger } from '@opentelemetry/api';

// What @opentelemetry/api logs (through `diag.error`) when a second provider's `register()` is refused.
const REFUSED_TRACE_REGISTRATION = 'Attempted duplicate registration of API: trace';
const API_GLOBAL_KEY = Symbol.for('opentelemetry.js.api.1');

// what the API holds once the watcher is installed (its level filter around the watcher)
let installedLogger: DiagLogger | undefined;
const listeners = new Set<() => void>();

function currentDiagLogger(): DiagLogger | undefined {
  const api = (globalThis as Record<symbol, { diag?: DiagLogger } | undefined>)[API_GLOBAL_KEY];
  return api?.diag;
}

function forwardingWatcher(previous: DiagLogger | undefined): DiagLogger {
  const forward =
    (level: keyof DiagLogger) =>
    (message: string, ...args: unknown[]): void => {
      previous?.[level](message, ...args);
    };
  return {
    error(message: string, ...args: unknown[]): void {
      previous?.error(message, ...args);
      if (typeof message === 'string' && message.includes(REFUSED_TRACE_REGISTRATION)) {
        for (const listener of listeners) listener();
      }
    },
    warn: forward('warn'),
    info: forward('info'),
    debug: forward('debug'),
    verbose: forward('verbose'),
  };
}

/**
 * Calls `listener` each time OpenTelemetry refuses to register a global tracer provider because one is already
 * registered (a `provider.register()` that would otherwise fail silently). Listens through the API's diagnostic
 * logger: a logger the user set before keeps receiving everything, unchanged; without one nothing is printed.
 * Returns a function that removes the listener. Never throws.
 */
export function watchRefusedTraceRegistration(listener: () => void): () => void {
  listeners.add(listener);
  try {
    const previous = currentDiagLogger();
    // installed again when someone replaced it since (`diag.setLogger`, `diag.disable()`)
    if (previous === undefined || previous !== installedLogger) {
      // the previous logger filters its own level; without one, only errors need to reach the watcher
      diag.setLogger(forwardingWatcher(previous), {
        logLevel: previous === undefined ? DiagLogLevel.ERROR : DiagLogLevel.ALL,
        suppressOverrideMessage: true,
      });
      installedLogger = currentDiagLogger();
    }
  } catch {
    // without the watcher a refused registration stays silent, as OpenTelemetry leaves it
  }
  return () => listeners.delete(listener);
}
