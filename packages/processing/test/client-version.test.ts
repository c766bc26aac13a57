import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { API_KEY, backendPipeline, traceRequests } from './helpers/backend';

// The version this package names when the caller names no other comes from package.json (through the generated
// src/package-version.ts), so a release bump reaches the `hh-client-version` header.
const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { name: string; version: string };

let backend: LocalBackend;
beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [API_KEY] });
});
afterAll(() => backend.stop());

it('names @honeyhive/processing at its package.json version when the caller names no client', async () => {
  const pipeline = backendPipeline(backend, 'http/protobuf');
  try {
    pipeline.emit('work');
    await pipeline.processor.forceFlush();
    await backend.waitForSpans(1);
    const requests = traceRequests(backend);
    expect(requests.length).toBeGreaterThanOrEqual(1);
    for (const request of requests) {
      expect(request.client).toMatchObject({ package: manifest.name, version: manifest.version, language: 'typescript' });
    }
  } finally {
    await pipeline.close();
  }
});
