/** Parsed command line of `hh-local-backend`. */
export interface CliArgs {
  /** HTTP port (default 8787; 0 = OS-chosen). */
  httpPort: number;
  /** gRPC port (default 4317; 0 = OS-chosen). */
  grpcPort: number;
  /** Accepted API keys (empty = any non-empty bearer token). */
  apiKeys: string[];
  /** Print only the URLs and the session trees, not one line per request. */
  quiet: boolean;
  /** Idle time before a session tree is printed. */
  sessionIdleMs: number;
  /** Print usage and exit. */
  help: boolean;
}

/** Usage text of the CLI. */
export const USAGE = `Usage: hh-local-backend [--http-port 8787] [--grpc-port 4317] [--api-key KEY ...] [--idle-ms 1000] [--quiet]

A HoneyHive-compatible backend on 127.0.0.1: OTLP traces (gRPC, HTTP protobuf, HTTP JSON) and the session and
event routes. Prints each session tree once the session has been idle for --idle-ms. Port 0 picks a free port.`;

function port(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < 0 || n > 65535) {
    throw new Error(`${flag} needs a port number between 0 and 65535 (got ${value ?? 'nothing'})`);
  }
  return n;
}

/** Parses `argv` (without node and script); throws an Error naming the bad flag. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { httpPort: 8787, grpcPort: 4317, apiKeys: [], quiet: false, sessionIdleMs: 1000, help: false };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i]!.includes('=') ? argv[i]!.split(/=(.*)/s, 2) : [argv[i]!, undefined];
    const value = (): string | undefined => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--http-port':
        args.httpPort = port(flag, value());
        break;
      case '--grpc-port':
        args.grpcPort = port(flag, value());
        break;
      case '--api-key': {
        const key = value();
        if (!key) throw new Error('--api-key needs a value');
        args.apiKeys.push(key);
        break;
      }
      case '--idle-ms': {
        const ms = Number(value());
        if (!Number.isFinite(ms) || ms <= 0) throw new Error('--idle-ms needs a positive number of milliseconds');
        args.sessionIdleMs = ms;
        break;
      }
      case '--quiet':
      case '-q':
        args.quiet = true;
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  return args;
}
