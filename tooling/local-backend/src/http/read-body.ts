import type { IncomingMessage } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

/** A request body problem with the HTTP status to answer. */
export class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

/** Reads the whole request body; rejects with `BodyError` 413 beyond `limitBytes`, or when the client aborts. */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limitBytes) {
        done = true;
        reject(new BodyError(413, `body larger than ${limitBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks));
    });
    req.on('error', (error) => {
      if (done) return;
      done = true;
      reject(new BodyError(0, `client aborted: ${error.message}`));
    });
    req.on('close', () => {
      if (done) return;
      done = true;
      reject(new BodyError(0, 'client aborted before the body was complete'));
    });
  });
}

/** Undoes `Content-Encoding` (gzip, deflate, br, identity); `BodyError` 415 for others, 400 for corrupt data. */
export function decodeContentEncoding(body: Buffer, encoding: string | undefined): Buffer {
  const name = (encoding ?? 'identity').trim().toLowerCase();
  try {
    if (name === '' || name === 'identity') return body;
    if (name === 'gzip' || name === 'x-gzip') return gunzipSync(body);
    if (name === 'deflate') return inflateSync(body);
    if (name === 'br') return brotliDecompressSync(body);
  } catch (error) {
    throw new BodyError(400, `body could not be decompressed as ${name}: ${(error as Error).message}`);
  }
  throw new BodyError(415, `unsupported Content-Encoding "${name}" (use gzip, deflate, br or none)`);
}
