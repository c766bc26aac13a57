import { ExportLedger } from '../src/export-ledger';
import { ControlledExporter, fakeSpan } from './helpers/fake-exporter';

// The export step of the ledger, replaced per test: it never throws by contract; these tests break the contract.
let exportStep: () => unknown = () => undefined;
jest.mock('../src/split-export', () => ({ exportSplittingOversized: () => exportStep() }));

describe('ExportLedger', () => {
  it('settles spans as failed when the export step throws, so flushes cannot hang', async () => {
    const failures: number[] = [];
    const ledger = new ExportLedger(new ControlledExporter(), 30_000, { onExportFailed: (count) => failures.push(count) });
    exportStep = () => {
      throw new Error('bug');
    };
    await new Promise<void>((resolve) => ledger.send([fakeSpan(), fakeSpan()], resolve));
    expect(ledger.counts(0, 0)).toMatchObject({ exported: 0, failed: 2 });
    expect(failures).toEqual([2]);
  });

  it('settles a rejected export step the same way, and a throwing diagnostics hook does not stop it', async () => {
    const ledger = new ExportLedger(new ControlledExporter(), 30_000, {
      onExportFailed: () => {
        throw new Error('hook');
      },
    });
    exportStep = () => Promise.reject(new Error('bug'));
    await new Promise<void>((resolve) => ledger.send([fakeSpan()], resolve));
    expect(ledger.counts(0, 0)).toMatchObject({ failed: 1 });
  });
});
