import Module from 'node:module';
import path from 'node:path';

type ResolveFilename = (request: string, parent: { filename?: string | null } | undefined, ...rest: unknown[]) => string;

/**
 * The Traceloop SDK 0.12 under npm honeyhive 1.x requires `@opentelemetry/core`, `resources`,
 * `sdk-trace-node` and `semantic-conventions` without declaring them: under npm they resolve to the 1.x
 * copies hoisted from its `@opentelemetry/sdk-node` 0.56; under pnpm they would resolve to whatever is
 * hoisted in the workspace (the 2.x SDK), which breaks it. This resolves those undeclared requests, made
 * from inside that package only, from `sdk-node`'s directory: the layout an npm user gets.
 */
export function emulateNpmLayoutFor(packageDir: string, anchorPackage: string): void {
  const manifest = require(path.join(packageDir, 'package.json')) as {
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
  };
  const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
  const anchorDir = path.dirname(require.resolve(`${anchorPackage}/package.json`, { paths: [packageDir] }));
  const inside = packageDir + path.sep;
  const moduleWithResolver = Module as unknown as { _resolveFilename: ResolveFilename };
  const original = moduleWithResolver._resolveFilename;
  moduleWithResolver._resolveFilename = function resolveLikeNpm(this: unknown, request, parent, ...rest) {
    if (
      request.startsWith('@opentelemetry/') &&
      request !== '@opentelemetry/api' &&
      !declared.has(request) &&
      typeof parent?.filename === 'string' &&
      parent.filename.startsWith(inside)
    ) {
      return require.resolve(request, { paths: [anchorDir] });
    }
    return original.call(this, request, parent, ...rest);
  };
}
