#!/usr/bin/env node
import { maskKey } from './auth';
import { startLocalBackend } from './backend';
import { parseCliArgs, USAGE, type CliArgs } from './cli-args';
import { renderSessionTree } from './sessions/render-session-tree';

async function main(): Promise<void> {
  let args: CliArgs;
  try {
    args = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`hh-local-backend: ${(error as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const out = (line: string): void => void process.stdout.write(`${line}\n`);
  const backend = await startLocalBackend({
    httpPort: args.httpPort,
    grpcPort: args.grpcPort,
    apiKeys: args.apiKeys.length > 0 ? args.apiKeys : undefined,
    sessionIdleMs: args.sessionIdleMs,
    logger: args.quiet ? undefined : out,
    onSessionComplete: (tree) => out(`\n${renderSessionTree(tree)}\n`),
  });
  out('HoneyHive local backend');
  out(`  HTTP      ${backend.httpUrl}`);
  out(`  OTLP/HTTP ${backend.otlpHttpUrl}`);
  out(`  OTLP/gRPC ${backend.grpcUrl}`);
  out(`  API keys  ${args.apiKeys.length > 0 ? args.apiKeys.map(maskKey).join(', ') : 'any non-empty bearer token'}`);
  out('Press Ctrl-C to stop.');

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    out(`${signal}: stopping`);
    backend.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`hh-local-backend: stop failed: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`hh-local-backend: ${(error as Error).message}\n`);
  process.exit(1);
});
