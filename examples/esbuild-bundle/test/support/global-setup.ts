import { ensureTracerBuilt } from './built-packages';

/** Jest global setup: the tests run bundles and child processes on packages/tracer/dist, so it must be up to date. */
export default function globalSetup(): void {
  ensureTracerBuilt();
}
