import { ROOT_CONTEXT, baggageEntryMetadataFromString, propagation, type Context } from '@opentelemetry/api';
import { extractContext, injectContext, type HeaderCarrier } from '../src';

// Our own conformance tests, written from the W3C Baggage specification: grammar, percent-encoding, properties,
// limits (8,192 bytes and 180 members, all `baggage` headers combined), repeated headers. Each extract case runs
// over both carrier shapes: one string per name (repeated headers joined with ", ", as Node's `req.headers`
// does) and one array of values per name (`req.headersDistinct`, Lambda's `multiValueHeaders`).

type Values = readonly string[];
const shapes = [
  ['string carrier', (values: Values): HeaderCarrier => ({ baggage: values.join(', ') })],
  ['array carrier', (values: Values): HeaderCarrier => ({ baggage: [...values] })],
] as const;

function entriesOf(context: Context): Record<string, string> {
  return Object.fromEntries((propagation.getBaggage(context)?.getAllEntries() ?? []).map(([key, entry]) => [key, entry.value]));
}

function injectEntries(entries: Record<string, { value: string; metadata?: string }>) {
  const baggage = propagation.createBaggage(
    Object.fromEntries(
      Object.entries(entries).map(([key, { value, metadata }]) => [key, metadata === undefined ? { value } : { value, metadata: baggageEntryMetadataFromString(metadata) }]),
    ),
  );
  const carrier: Record<string, string> = {};
  const result = injectContext(propagation.setBaggage(ROOT_CONTEXT, baggage), carrier);
  return { header: carrier.baggage, drops: result.baggageDrops };
}

// a member of exactly `bytes` bytes on the wire
const memberOf = (index: number, bytes: number): string => {
  const key = `k${index}`;
  return `${key}=${'v'.repeat(bytes - key.length - 1)}`;
};

describe.each(shapes)('baggage extract over a %s', (_shape, toCarrier) => {
  const read = (...values: string[]) => {
    const result = extractContext(toCarrier(values), ROOT_CONTEXT);
    return { entries: entriesOf(result.context), drops: result.baggageDrops, context: result.context };
  };

  it('combines repeated headers, with optional whitespace around keys, values and members', () => {
    const { entries, drops } = read('userId =   alice', 'serverNode = DF%2028, isProduction = false');
    expect(entries).toEqual({ userId: 'alice', serverNode: 'DF 28', isProduction: 'false' });
    expect(drops).toEqual({ invalid: 0, overLimit: 0, duplicate: 0 });
  });

  it('percent-decodes values (UTF-8) and keys; a sequence that is not UTF-8 becomes U+FFFD', () => {
    expect(read('userId=Am%C3%A9lie,a%20b=x').entries).toEqual({ userId: 'Amélie', 'a b': 'x' });
    expect(read('bad=%FF%FE,half=%E2%82').entries).toEqual({ bad: '\uFFFD\uFFFD', half: '\uFFFD' });
  });

  it('keeps equals signs inside a value, and an empty value', () => {
    expect(read('k=a=b==,empty=').entries).toEqual({ k: 'a=b==', empty: '' });
  });

  it('reads properties into the entry metadata, whitespace removed', () => {
    const { context } = read('key1=value1;property1;property2', 'key3=value3; propertyKey = propertyValue');
    const baggage = propagation.getBaggage(context);
    expect(baggage?.getEntry('key1')).toMatchObject({ value: 'value1' });
    expect(baggage?.getEntry('key1')?.metadata?.toString()).toBe('property1;property2');
    expect(baggage?.getEntry('key3')?.metadata?.toString()).toBe('propertyKey=propertyValue');
  });

  it.each([
    ['a key that is not a token', 'a(b=1'],
    ['a value with a double quote', 'k="v"'],
    ['a value with a backslash', 'k=a\\b'],
    ['a value with inner whitespace', 'k=a b'],
    ['a member without =', 'lonely'],
    ['an empty key', '=v'],
    ['a property key that is not a token', 'k=v;a(b'],
    ['a property value outside the octets', 'k=v;p="x"'],
  ])('drops a member with %s, keeps the others, and counts it', (_label, bad) => {
    const { entries, drops } = read(`before=1,${bad}`, 'after=2');
    expect(entries).toEqual({ before: '1', after: '2' });
    expect(drops).toEqual({ invalid: 1, overLimit: 0, duplicate: 0 });
  });

  it('keeps the first of repeated keys, across headers, and counts the others', () => {
    const { entries, drops } = read('k=1', 'k=2,j=3');
    expect(entries).toEqual({ k: '1', j: '3' });
    expect(drops.duplicate).toBe(1);
  });

  it('reads at most 180 members, all headers combined, and counts the rest', () => {
    const members = Array.from({ length: 185 }, (_, i) => `k${i}=v`);
    const { entries, drops } = read(members.slice(0, 100).join(','), members.slice(100).join(','));
    expect(Object.keys(entries)).toHaveLength(180);
    expect(entries.k179).toBe('v');
    expect(entries.k180).toBeUndefined();
    expect(drops).toEqual({ invalid: 0, overLimit: 5, duplicate: 0 });
  });

  it('reads at most 8,192 bytes, all headers combined, whole members only, and counts the rest', () => {
    // 8 members of 1,000 bytes + 7 commas = 8,007 bytes; the ninth would pass 8,192, a small tenth still fits
    const first = Array.from({ length: 4 }, (_, i) => memberOf(i, 1000)).join(',');
    const second = [...Array.from({ length: 5 }, (_, i) => memberOf(i + 4, 1000)), 'small=1'].join(',');
    const { entries, drops } = read(first, second);
    expect(Object.keys(entries)).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'small']);
    expect(entries.k7).toHaveLength(1000 - 3);
    expect(drops).toEqual({ invalid: 0, overLimit: 1, duplicate: 0 });
  });

  it('accepts a header of exactly 8,192 bytes', () => {
    const members = [...Array.from({ length: 7 }, (_, i) => memberOf(i, 1000)), memberOf(7, 8192 - 7 * 1000 - 7)];
    const { entries, drops } = read(members.join(','));
    expect(Object.keys(entries)).toHaveLength(8);
    expect(drops.overLimit).toBe(0);
  });
});

describe('baggage inject', () => {
  it('percent-encodes what the grammar does not allow, and % always; extract reads it back', () => {
    const values = { plain: 'alice', spaced: 'DF 28', accented: 'Amélie', delimiters: 'a,b;c"d\\e%f', emoji: '🙂', 'we(ird) key': 'x' };
    const { header, drops } = injectEntries(Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { value }])));
    expect(header).toContain('plain=alice');
    expect(header).toContain('spaced=DF%2028');
    expect(header).toContain('accented=Am%C3%A9lie');
    expect(header).toContain('delimiters=a%2Cb%3Bc%22d%5Ce%25f');
    expect(header).toContain('we%28ird%29%20key=x');
    expect(header).toMatch(/^[\x21-\x7e]*$/);
    expect(drops).toEqual({ invalid: 0, overLimit: 0, duplicate: 0 });
    for (const [, toCarrier] of shapes) expect(entriesOf(extractContext(toCarrier([header!]), ROOT_CONTEXT).context)).toEqual(values);
  });

  it('writes properties from the entry metadata, and leaves out metadata outside the grammar', () => {
    const { header } = injectEntries({ a: { value: '1', metadata: 'p1; p2 = v2' }, b: { value: '2', metadata: 'bad "prop"' } });
    expect(header).toBe('a=1;p1;p2=v2,b=2');
  });

  it('writes at most 180 members and counts the rest', () => {
    const { header, drops } = injectEntries(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, { value: 'v' }])));
    expect(header!.split(',')).toHaveLength(180);
    expect(drops.overLimit).toBe(20);
  });

  it('writes at most 8,192 bytes of whole members and counts the rest', () => {
    const { header, drops } = injectEntries(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, { value: 'v'.repeat(998 - String(i).length) }])));
    expect(Buffer.byteLength(header!)).toBeLessThanOrEqual(8192);
    expect(header!.split(',')).toHaveLength(8);
    for (const member of header!.split(',')) expect(member).toHaveLength(1000);
    expect(drops.overLimit).toBe(2);
  });
});
