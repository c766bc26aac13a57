import type { RequestOptions } from 'node:http';

/** The client-identification header every HoneyHive request carries (see docs/wire-contract.md). */
export const HH_CLIENT_PACKAGE_HEADER = 'hh-client-package';

/** A host or URL to match: a string (exact host / URL prefix) or a regular expression. */
export type RequestPattern = string | RegExp;

/** Which outgoing requests are HoneyHive's own (and must never be traced). */
export interface OwnRequestOptions {
  /**
   * Hosts whose requests are ignored: a string matches the hostname (any case) or `hostname:port`; a RegExp
   * is tested against both.
   */
  ignoreHosts?: readonly RequestPattern[];
  /**
   * URLs whose requests are ignored: a string is a URL prefix (same scheme, host and port; the path starts
   * with its path), e.g. the server URL or the OTLP endpoint; a RegExp is tested against the full URL.
   */
  ignoreUrls?: readonly RequestPattern[];
  /** An extra test; true means "ours, do not trace". A throwing test counts as false. */
  isOwnRequest?: (request: RequestOptions) => boolean;
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443' };

function hasClientPackageHeader(headers: unknown): boolean {
  if (headers === null || typeof headers !== 'object') return false;
  const isOurs = (name: unknown) => typeof name === 'string' && name.toLowerCase() === HH_CLIENT_PACKAGE_HEADER;
  if (Array.isArray(headers)) {
    // Node accepts a flat [name, value, name, value] list, and some callers pass [name, value] pairs.
    return headers.some((entry, index) => (Array.isArray(entry) ? isOurs(entry[0]) : index % 2 === 0 && isOurs(entry)));
  }
  return Object.keys(headers).some(isOurs);
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** Where an outgoing request goes, as the matchers read it. */
export interface RequestTarget {
  /** `http:` or `https:`. */
  protocol: string;
  /** Lower case, IPv6 without brackets. */
  hostname: string;
  /** The port, the scheme's default when none is given. */
  port: string;
  /** Path and query. */
  path: string;
  /** The full URL. */
  href: string;
}

function targetOf(request: RequestOptions): RequestTarget | undefined {
  const protocol = typeof request.protocol === 'string' && request.protocol !== '' ? request.protocol.toLowerCase() : 'http:';
  let hostname = typeof request.hostname === 'string' && request.hostname !== '' ? request.hostname : undefined;
  let port = request.port !== undefined && request.port !== null && request.port !== '' ? String(request.port) : undefined;
  if (hostname === undefined && typeof request.host === 'string' && request.host !== '') {
    // `host` may carry a port ("example.com:8080", "[::1]:8080").
    const match = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(request.host);
    hostname = match ? match[1] : request.host;
    if (match && port === undefined) port = match[2];
  }
  hostname = stripBrackets(hostname ?? 'localhost').toLowerCase();
  port = port ?? DEFAULT_PORTS[protocol] ?? '';
  const path = typeof request.path === 'string' && request.path !== '' ? request.path : '/';
  const hostForUrl = hostname.includes(':') ? `[${hostname}]` : hostname;
  const defaultPort = DEFAULT_PORTS[protocol];
  const href = `${protocol}//${hostForUrl}${port !== '' && port !== defaultPort ? `:${port}` : ''}${path}`;
  return { protocol, hostname, port, path, href };
}

function testPattern(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0; // a /g or /y pattern keeps state between calls
  return pattern.test(text);
}

function hostMatches(pattern: RequestPattern, target: RequestTarget): boolean {
  const withPort = `${target.hostname}:${target.port}`;
  if (pattern instanceof RegExp) return testPattern(pattern, target.hostname) || testPattern(pattern, withPort);
  const wanted = stripBrackets(pattern.trim().toLowerCase());
  return wanted === target.hostname || wanted === withPort;
}

function pathStartsWith(path: string, prefix: string): boolean {
  const base = prefix.replace(/\/+$/, '');
  if (base === '') return true;
  if (!path.startsWith(base)) return false;
  const next = path.charAt(base.length);
  return next === '' || next === '/' || next === '?' || next === '#';
}

function urlMatches(pattern: RequestPattern, target: RequestTarget): boolean {
  if (pattern instanceof RegExp) return testPattern(pattern, target.href);
  let prefix: URL;
  try {
    prefix = new URL(pattern.trim());
  } catch {
    return pattern !== '' && target.href.startsWith(pattern);
  }
  const port = prefix.port !== '' ? prefix.port : DEFAULT_PORTS[prefix.protocol] ?? '';
  return (
    prefix.protocol === target.protocol &&
    stripBrackets(prefix.hostname).toLowerCase() === target.hostname &&
    port === target.port &&
    pathStartsWith(target.path, prefix.pathname)
  );
}

/** The target of `request` (scheme, host, port, path); undefined when it cannot be told. Never throws. */
export function requestTargetOf(request: RequestOptions): RequestTarget | undefined {
  try {
    return request !== null && typeof request === 'object' ? targetOf(request) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when `target` matches one of `patterns`: a string with `://` is a URL prefix (as in `ignoreUrls`); any
 * other string is a hostname (any case), `hostname:port`, or `*.domain` for every subdomain of `domain`; a
 * RegExp is tested against the hostname, `hostname:port` and the full URL.
 */
export function matchesHostPattern(patterns: readonly RequestPattern[], target: RequestTarget): boolean {
  return patterns.some((pattern) => {
    if (pattern instanceof RegExp) return hostMatches(pattern, target) || testPattern(pattern, target.href);
    if (typeof pattern !== 'string' || pattern.trim() === '') return false;
    const wanted = pattern.trim().toLowerCase();
    if (wanted.includes('://')) return urlMatches(wanted, target);
    if (wanted.startsWith('*.')) return target.hostname.endsWith(wanted.slice(1)) && target.hostname.length > wanted.length - 1;
    return hostMatches(wanted, target);
  });
}

/**
 * A test for "this outgoing request is HoneyHive's own": it carries the `hh-client-package` header, goes to
 * one of `ignoreHosts` / `ignoreUrls`, or `isOwnRequest` says so. Never throws (a failure counts as "ours",
 * so that a broken test can never make the tracer trace its own exports).
 */
export function createOwnRequestMatcher(options: OwnRequestOptions = {}): (request: RequestOptions) => boolean {
  const hosts = (options.ignoreHosts ?? []).filter((p) => typeof p === 'string' || p instanceof RegExp);
  const urls = (options.ignoreUrls ?? []).filter((p) => typeof p === 'string' || p instanceof RegExp);
  const extra = typeof options.isOwnRequest === 'function' ? options.isOwnRequest : undefined;
  return (request: RequestOptions): boolean => {
    try {
      if (request === null || typeof request !== 'object') return false;
      if (hasClientPackageHeader(request.headers)) return true;
      const target = targetOf(request);
      if (target !== undefined) {
        if (hosts.some((pattern) => hostMatches(pattern, target))) return true;
        if (urls.some((pattern) => urlMatches(pattern, target))) return true;
      }
      if (extra !== undefined) {
        try {
          return extra(request) === true;
        } catch {
          return false;
        }
      }
      return false;
    } catch {
      return true;
    }
  };
}
