// A lean OTLP/HTTP receiver for the specification protocol (section 8): it reads each request, counts its spans
// without decoding them (a walk over the protobuf fields, or JSON.parse for http/json) and answers 200 at once.
// The local backend decodes and stores every span, which cannot keep up with 10,000 spans/s on a loaded
// machine; a receiver that falls behind makes both batch processors drop spans, and then nothing is compared.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

function varint(buf: Uint8Array, at: number): [number, number] {
  let value = 0;
  let shift = 0;
  let pos = at;
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated varint');
    const byte = buf[pos++]!;
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [value, pos];
    shift += 7;
  }
}

/** The [start, end) ranges of the length-delimited fields numbered `field` in buf[start, end). */
function children(buf: Uint8Array, start: number, end: number, field: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let pos = start;
  while (pos < end) {
    const [tag, afterTag] = varint(buf, pos);
    const wireType = tag % 8;
    pos = afterTag;
    if (wireType === 0) pos = varint(buf, pos)[1];
    else if (wireType === 1) pos += 8;
    else if (wireType === 5) pos += 4;
    else if (wireType === 2) {
      const [length, afterLength] = varint(buf, pos);
      if (Math.floor(tag / 8) === field) out.push([afterLength, afterLength + length]);
      pos = afterLength + length;
    } else throw new Error(`unsupported wire type ${wireType}`);
  }
  return out;
}

/** Spans in an ExportTraceServiceRequest (resource_spans = 1 → scope_spans = 2 → spans = 2). */
function countProtobufSpans(buf: Uint8Array): number {
  let spans = 0;
  for (const [rs, rsEnd] of children(buf, 0, buf.length, 1)) {
    for (const [ss, ssEnd] of children(buf, rs, rsEnd, 2)) spans += children(buf, ss, ssEnd, 2).length;
  }
  return spans;
}

function countJsonSpans(body: Buffer): number {
  const parsed = JSON.parse(body.toString('utf8')) as { resourceSpans?: Array<{ scopeSpans?: Array<{ spans?: unknown[] }> }> };
  let spans = 0;
  for (const rs of parsed.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) spans += ss.spans?.length ?? 0;
  return spans;
}

function decompress(body: Buffer, encoding: string | undefined): Buffer {
  if (encoding === 'gzip') return zlib.gunzipSync(body);
  if (encoding === 'deflate') return zlib.inflateSync(body);
  if (encoding === 'br') return zlib.brotliDecompressSync(body);
  return body;
}

/** A running lean receiver. */
export interface ProtocolSink {
  /** The OTLP/HTTP traces URL. */
  url: string;
  spans(): number;
  reset(): void;
  stop(): Promise<void>;
}

/** Starts the receiver on 127.0.0.1 (port chosen by the OS). */
export async function startProtocolSink(): Promise<ProtocolSink> {
  let received = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        const body = decompress(Buffer.concat(chunks), req.headers['content-encoding']);
        const json = String(req.headers['content-type'] ?? '').includes('json');
        received += json ? countJsonSpans(body) : countProtobufSpans(body);
        res.writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' });
        res.end(json ? '{}' : undefined);
      } catch (error) {
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end(String(error));
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/traces`,
    spans: () => received,
    reset: () => {
      received = 0;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
