// An optional peer dependency (gRPC's transport, HTTP tracing's instrumentation): told apart when it is not
// installed from when it is installed and broken, and found inside a bundle too. The callers pass their own
// `require`/`require.resolve` calls, written with a literal name so that bundlers see the dependency.

/**
 * True when `error` says that `request` itself cannot be found (Node's `MODULE_NOT_FOUND`, whose message
 * starts with `Cannot find module '<request>'`), not a module that `request` needs, nor any other load error.
 */
export function isModuleNotFound(error: unknown, request: string): boolean {
  if (error === null || typeof error !== 'object') return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') return false;
  return typeof message === 'string' && message.startsWith(`Cannot find module '${request}'`);
}

/**
 * Runs `load` (a `require` of the package `name`); when `name` itself is not installed, throws `missing()` instead,
 * and any other load error as it is.
 */
export function loadOptionalPackage<T>(name: string, load: () => T, missing: () => Error): T {
  try {
    return load();
  } catch (error) {
    if (isModuleNotFound(error, name)) throw missing();
    throw error;
  }
}

/**
 * Whether the package `name` is not installed: `resolve` (its `require.resolve`) first, which loads nothing; when
 * that cannot find `name` itself, `load` (its `require`) decides, since a bundle (esbuild, webpack) carries the
 * package inside itself, where resolving looks in node_modules and fails (unbundled, the load fails the same way
 * and loads nothing). Any other failure counts as installed: the caller's own load reports it as it is. Never throws.
 */
export function optionalPackageMissing(name: string, resolve: () => unknown, load: () => unknown): boolean {
  try {
    resolve();
    return false;
  } catch (error) {
    if (!isModuleNotFound(error, name)) return false;
  }
  try {
    load();
    return false;
  } catch (error) {
    return isModuleNotFound(error, name);
  }
}
