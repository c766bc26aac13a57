import { DEFAULT_SERVER_URL, LEGACY_SERVER_URL, parseHttpUrl } from './otlp-endpoint';

// Both hosts are the HoneyHive cloud's own API (docs/wire-contract.md, "Endpoints"): its key may go to either.
const CLOUD_ORIGINS: ReadonlySet<string> = new Set([new URL(DEFAULT_SERVER_URL).origin, new URL(LEGACY_SERVER_URL).origin]);

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/**
 * True for a name or address of this machine: `localhost` (and `*.localhost`), 127.0.0.0/8, `::1` (any
 * spelling, brackets allowed) and IPv4-mapped 127.x addresses. No DNS lookup is made.
 */
export function isLoopbackHost(hostname: string): boolean {
  if (typeof hostname !== 'string') return false;
  const host = stripBrackets(hostname.trim().toLowerCase()).replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (/^127(?:\.\d{1,3}){3}$/.test(host)) return true;
  if (/^(?:0{0,4}:){2,7}0{0,3}1$/.test(host) || host === '::1') return true;
  return /^::ffff:127(?:\.\d{1,3}){3}$/.test(host) || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host);
}

/**
 * True when a request to `url` would travel unencrypted over the network: plain `http:` (for gRPC, an
 * insecure channel) to a host that is not loopback. False for https, loopback and anything unparsable.
 */
export function sendsInClear(url: string): boolean {
  const parsed = parseHttpUrl(typeof url === 'string' ? url : '');
  return parsed !== undefined && parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname);
}

/**
 * True when the HoneyHive API key may go to `endpointUrl`: it is on the HoneyHive server's origin (scheme, host
 * and port of `serverUrl`, else of the default server URL, as the endpoint resolution uses), or the server is the
 * HoneyHive cloud and the endpoint is the cloud's other host (`https://api.dp1.us.honeyhive.ai`,
 * `https://api.honeyhive.ai`). An OTLP endpoint anywhere else (another host, or another port of the same host)
 * gets only the headers the user gives it; a dedicated deployment's key never goes to the cloud.
 */
export function apiKeyAllowedFor(endpointUrl: string, serverUrl: string | undefined): boolean {
  const endpoint = parseHttpUrl(typeof endpointUrl === 'string' ? endpointUrl : '');
  if (endpoint === undefined) return false;
  const server = parseHttpUrl(typeof serverUrl === 'string' ? serverUrl : '') ?? new URL(DEFAULT_SERVER_URL);
  if (endpoint.origin === server.origin) return true;
  return CLOUD_ORIGINS.has(server.origin) && CLOUD_ORIGINS.has(endpoint.origin);
}
