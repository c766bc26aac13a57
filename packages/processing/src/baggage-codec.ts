import { baggageEntryMetadataFromString, type BaggageEntry } from '@opentelemetry/api';

/** At most this many list members are read or written (W3C Baggage: 64 at least; its grammar allows 180). */
const MAX_BAGGAGE_MEMBERS = 180;
/** At most this many bytes of `baggage`, all headers combined, commas included (W3C Baggage). */
const MAX_BAGGAGE_BYTES = 8192;

// key = token (RFC 7230 tchar)
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// baggage-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E
const OCTETS = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/;
const OWS_EDGES = /^[ \t]+|[ \t]+$/g;

/** Why baggage list members were left out (W3C Baggage: whole members only, never part of one). */
export interface BaggageDrops {
  /** Members outside the grammar (key not a token, bad value or property). */
  invalid: number;
  /** Members beyond 180, or that would take the header past 8,192 bytes. */
  overLimit: number;
  /** A later member with a key already seen (the first one is kept). */
  duplicate: number;
}

/** No drops. */
export function noBaggageDrops(): BaggageDrops {
  return { invalid: 0, overLimit: 0, duplicate: 0 };
}

/** Percent-decodes; a sequence that is not UTF-8 becomes U+FFFD, as W3C Baggage requires. */
function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === '%' ? text.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(text.charCodeAt(i));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Percent-encodes (UTF-8) every character outside `allowed`, and `%` itself. */
function percentEncode(text: string, allowed: RegExp): string {
  let out = '';
  for (const char of text) {
    if (char !== '%' && allowed.test(char)) out += char;
    else for (const byte of Buffer.from(char, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const TOKEN_CHAR = /^[!#$&'*+\-.^_`|~0-9A-Za-z]$/;
const OCTET_CHAR = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]$/;

/** Normalizes `;`-separated properties (OWS removed), or `undefined` when one is outside the grammar. */
function normalizeProperties(parts: readonly string[]): string | undefined {
  const out: string[] = [];
  for (const part of parts) {
    const equals = part.indexOf('=');
    const key = (equals === -1 ? part : part.slice(0, equals)).replace(OWS_EDGES, '');
    if (!TOKEN.test(key)) return undefined;
    if (equals === -1) {
      out.push(key);
      continue;
    }
    const value = part.slice(equals + 1).replace(OWS_EDGES, '');
    if (!OCTETS.test(value)) return undefined;
    out.push(`${key}=${value}`);
  }
  return out.join(';');
}

/** One parsed list member: the decoded key and entry, and its normalized wire form. */
interface ParsedMember {
  key: string;
  entry: BaggageEntry;
  wire: string;
}

function parseMember(member: string): ParsedMember | undefined {
  const [pair = '', ...properties] = member.split(';');
  const equals = pair.indexOf('=');
  if (equals === -1) return undefined;
  const rawKey = pair.slice(0, equals).replace(OWS_EDGES, '');
  const rawValue = pair.slice(equals + 1).replace(OWS_EDGES, '');
  if (!TOKEN.test(rawKey) || !OCTETS.test(rawValue)) return undefined;
  const props = properties.length > 0 ? normalizeProperties(properties) : undefined;
  if (properties.length > 0 && props === undefined) return undefined;
  const entry: BaggageEntry =
    props === undefined ? { value: percentDecode(rawValue) } : { value: percentDecode(rawValue), metadata: baggageEntryMetadataFromString(props) };
  return { key: percentDecode(rawKey), entry, wire: `${rawKey}=${rawValue}${props === undefined ? '' : `;${props}`}` };
}

/** What {@link parseBaggage} read. */
export interface ParsedBaggage {
  entries: Array<[string, BaggageEntry]>;
  drops: BaggageDrops;
}

/**
 * Parses `baggage` header values; repeated headers are combined in order and the limits apply to the
 * combination. Keys (tokens) and values are percent-decoded; properties are kept as entry metadata. A member
 * outside the grammar is dropped and the rest kept; members past 180, or past 8,192 bytes, are dropped. Every
 * drop is counted in `drops`; nothing throws.
 */
export function parseBaggage(values: string | readonly string[] | undefined): ParsedBaggage {
  const drops = noBaggageDrops();
  const entries: Array<[string, BaggageEntry]> = [];
  if (values === undefined) return { entries, drops };
  const list = typeof values === 'string' ? values : values.join(',');
  const seen = new Set<string>();
  let bytes = 0;
  for (const raw of list.split(',')) {
    const member = raw.replace(OWS_EDGES, '');
    if (member === '') continue;
    const parsed = parseMember(member);
    if (parsed === undefined) {
      drops.invalid++;
      continue;
    }
    if (seen.has(parsed.key)) {
      drops.duplicate++;
      continue;
    }
    const size = Buffer.byteLength(parsed.wire) + (entries.length > 0 ? 1 : 0);
    if (entries.length >= MAX_BAGGAGE_MEMBERS || bytes + size > MAX_BAGGAGE_BYTES) {
      drops.overLimit++;
      continue;
    }
    seen.add(parsed.key);
    bytes += size;
    entries.push([parsed.key, parsed.entry]);
  }
  return { entries, drops };
}

/** What {@link serializeBaggage} wrote. */
export interface SerializedBaggage {
  /** The `baggage` header value; empty when nothing is written. */
  header: string;
  drops: BaggageDrops;
}

/**
 * Writes baggage entries as one `baggage` value: keys and values percent-encoded (UTF-8) where the grammar
 * requires it, `%` always; metadata written as properties when it fits the grammar, else left out. Whole
 * members that would pass 180 members or 8,192 bytes are left out and counted.
 */
export function serializeBaggage(entries: ReadonlyArray<readonly [string, BaggageEntry]>): SerializedBaggage {
  const drops = noBaggageDrops();
  const members: string[] = [];
  let bytes = 0;
  for (const [key, entry] of entries) {
    if (typeof key !== 'string' || key === '' || typeof entry?.value !== 'string') {
      drops.invalid++;
      continue;
    }
    let wire = `${percentEncode(key, TOKEN_CHAR)}=${percentEncode(entry.value, OCTET_CHAR)}`;
    const metadata = entry.metadata?.toString();
    if (typeof metadata === 'string' && metadata !== '') {
      const props = normalizeProperties(metadata.split(';'));
      if (props !== undefined) wire += `;${props}`;
    }
    const size = Buffer.byteLength(wire) + (members.length > 0 ? 1 : 0);
    if (members.length >= MAX_BAGGAGE_MEMBERS || bytes + size > MAX_BAGGAGE_BYTES) {
      drops.overLimit++;
      continue;
    }
    bytes += size;
    members.push(wire);
  }
  return { header: members.join(','), drops };
}
