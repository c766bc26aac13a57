import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { ConnectionPool, type OtlpProtocol } from '../src';
import { backendPipeline, traceRequests } from './helpers/backend';

let backend: LocalBackend;
beforeAll(async () => {
  backend = await startLocalBackend();
});
afterAll(() => backend.stop());
afterEach(() => backend.reset());

/** Two independent pipelines, exporting in turns, three times each. */
async function exportInTurns(protocol: OtlpProtocol, poolA: ConnectionPool, poolB: ConnectionPool): Promise<void> {
  const a = backendPipeline(backend, protocol, { connectionPool: poolA });
  const b = backendPipeline(backend, protocol, { connectionPool: poolB });
  try {
    for (let round = 0; round < 3; round++) {
      a.emit(`a-${round}`);
      await a.processor.forceFlush();
      b.emit(`b-${round}`);
      await b.processor.forceFlush();
    }
    await backend.waitForSpans(6);
    expect(traceRequests(backend)).toHaveLength(6);
  } finally {
    await a.close();
    await b.close();
  }
}

describe('connection reuse', () => {
  it('http/protobuf: two exporters sharing a pool use one keep-alive connection', async () => {
    const pool = new ConnectionPool();
    try {
      await exportInTurns('http/protobuf', pool, pool);
      expect(backend.connectionCount()).toBe(1);
      expect(pool.agentCount).toBe(1);
    } finally {
      pool.destroy();
    }
  });

  it('http/protobuf: separate pools (the contrast) open one connection each', async () => {
    const poolA = new ConnectionPool();
    const poolB = new ConnectionPool();
    try {
      await exportInTurns('http/protobuf', poolA, poolB);
      expect(backend.connectionCount()).toBe(2);
    } finally {
      poolA.destroy();
      poolB.destroy();
    }
  });

  it('grpc: two exporters to one target share one HTTP/2 connection (grpc-js subchannel pool)', async () => {
    const pool = new ConnectionPool();
    try {
      await exportInTurns('grpc', pool, pool);
      expect(backend.connectionCount()).toBe(1);
    } finally {
      pool.destroy();
    }
  });
});
