// The bundle section's fresh install: what `npm install <app's packages>` would put in node_modules, read from
// this workspace. The workspace has extras a user's install lacks (devDependencies, the optional @grpc/grpc-js).
import path from 'node:path';
import { freshInstall, packageName } from '../src/run/fresh-install';

const FROM = path.join(__dirname, '..', 'src', 'apps');

test('packageName names the package of a bare specifier and nothing else', () => {
  expect(packageName('@grpc/grpc-js')).toBe('@grpc/grpc-js');
  expect(packageName('@opentelemetry/semantic-conventions/incubating')).toBe('@opentelemetry/semantic-conventions');
  expect(packageName('debug/src/node.js')).toBe('debug');
  expect(packageName('./stage')).toBeUndefined();
  expect(packageName('node:http')).toBeUndefined();
  expect(packageName('http')).toBeUndefined();
});

test('a fresh install of ours has its dependencies and required peers, not its optional peer or devDependencies', () => {
  const installed = freshInstall(['@honeyhive/tracer'], FROM);
  for (const name of ['@honeyhive/tracer', '@honeyhive/processing', '@honeyhive/utils', '@opentelemetry/api', '@opentelemetry/sdk-trace-base']) {
    expect(installed.has(name)).toBe(true);
  }
  // optional peer of @honeyhive/processing, installed in this workspace for the gRPC sections
  expect(installed.has('@grpc/grpc-js')).toBe(false);
  // devDependencies of our packages
  expect(installed.has('@honeyhive/local-backend')).toBe(false);
});

test('opting into gRPC adds @grpc/grpc-js and its dependencies', () => {
  const installed = freshInstall(['@honeyhive/tracer', '@grpc/grpc-js'], FROM);
  expect(installed.has('@grpc/grpc-js')).toBe(true);
  expect(installed.has('@grpc/proto-loader')).toBe(true);
});

test('a package that cannot be found is an error, not a smaller install', () => {
  expect(() => freshInstall(['@honeyhive/no-such-package'], FROM)).toThrow(/cannot find @honeyhive\/no-such-package/);
});
