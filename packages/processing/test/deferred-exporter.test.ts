import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { createOtlpExporter } from '../src';
import { DeferredExporter } from '../src/deferred-exporter';
import { ControlledExporter, fakeSpan } from './helpers/fake-exporter';

function exportOnce(exporter: { export: DeferredExporter['export'] }): Promise<ExportResult> {
  return new Promise((resolve) => exporter.export([fakeSpan()], resolve));
}

describe('DeferredExporter', () => {
  it('builds the real exporter on the first export only, then reuses it', async () => {
    const inner = new ControlledExporter();
    const build = jest.fn(() => inner);
    const deferred = new DeferredExporter(build);
    expect(build).not.toHaveBeenCalled();
    await deferred.forceFlush();
    expect(build).not.toHaveBeenCalled();
    expect((await exportOnce(deferred)).code).toBe(ExportResultCode.SUCCESS);
    expect((await exportOnce(deferred)).code).toBe(ExportResultCode.SUCCESS);
    expect(build).toHaveBeenCalledTimes(1);
    expect(inner.batches).toEqual([1, 1]);
    await deferred.shutdown();
    expect(inner.shutdownCalls).toBe(1);
  });

  it('never builds the exporter when shut down before any export', async () => {
    const build = jest.fn(() => new ControlledExporter());
    const deferred = new DeferredExporter(build);
    await deferred.shutdown();
    expect(build).not.toHaveBeenCalled();
  });

  it('shuts down an exporter built after shutdown, as the eager one would have been', async () => {
    const inner = new ControlledExporter();
    const deferred = new DeferredExporter(() => inner);
    await deferred.shutdown();
    await exportOnce(deferred);
    expect(inner.shutdownCalls).toBe(1);
  });
});

describe('createOtlpExporter (deferred)', () => {
  it('gives an exporter at once, with its settings resolved, for every protocol', async () => {
    for (const protocol of ['http/protobuf', 'http/json', 'grpc'] as const) {
      const created = createOtlpExporter({ protocol, serverUrl: 'http://127.0.0.1:9' });
      expect(created.problems).toEqual([]);
      expect(typeof created.exporter.export).toBe('function');
      await created.exporter.shutdown();
    }
  });
});
