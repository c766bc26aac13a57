import type { TracerOperation } from '../src';
import { TestTracer, collectingLogger } from './helpers/test-tracer';

/** A tracer whose mixin-side reports go through the protected policy, as a plugin's would. */
class ReportingTracer extends TestTracer {
  reportUnder(operation: TracerOperation, message: string): void {
    this.policy.report(operation, new Error(message));
  }

  reportTypo(): void {
    // @ts-expect-error the policy takes only the operations a tracer reports under (the type check fails here)
    this.policy.report('flushh', new Error('typo'));
  }
}

describe('TracerOperation', () => {
  it('keys stats().errors by the operation each failure was reported under', async () => {
    const logger = collectingLogger();
    const tracer = new ReportingTracer({ disableTracing: true, logger });
    try {
      tracer.reportUnder('enrichSession', 'one');
      tracer.reportUnder('enrichSession', 'two');
      tracer.reportUnder('logModel', 'three');
      const errors: Partial<Record<TracerOperation, number>> = tracer.stats().errors;
      expect(errors).toEqual({ enrichSession: 2, logModel: 1 });
      expect(logger.at('warn')).toEqual(['enrichSession failed: one', 'enrichSession failed: two', 'logModel failed: three']);
    } finally {
      await tracer.shutdown(30_000);
    }
  });
});
