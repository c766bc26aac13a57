import { ROOT_CONTEXT, propagation, trace, TraceFlags } from '@opentelemetry/api';
import { extractContext, injectContext } from '../src';
import { SESSION, withBaggage } from './helpers/tracing';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = 'b7ad6b7169203331';
const remoteParent = trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED, isRemote: false });

describe('injectContext', () => {
  it('writes traceparent and baggage with canonical keys, never secret-like keys', () => {
    const ctx = withBaggage({ honeyhive_session_id: SESSION, tenant: 'acme', api_key: 'sk-secret', 'x-auth': 'zzz' }, remoteParent);
    const carrier: Record<string, string> = {};
    injectContext(ctx, carrier, { project: 'proj', runId: 'run-1', eventType: 'model' });
    expect(carrier.traceparent).toBe(`00-${TRACE_ID}-${SPAN_ID}-01`);
    const entries = Object.fromEntries(carrier.baggage!.split(',').map((pair) => pair.split('=').map(decodeURIComponent)));
    expect(entries).toEqual({ session_id: SESSION, tenant: 'acme', project: 'proj', run_id: 'run-1' });
    expect(carrier.baggage).not.toContain('sk-secret');
  });

  it('extraBaggage wins over the context baggage', () => {
    const carrier: Record<string, string> = {};
    injectContext(withBaggage({ session_id: 'old', source: 'dev' }), carrier, { sessionId: SESSION });
    expect(carrier.baggage).toContain(`session_id=${SESSION}`);
    expect(carrier.baggage).toContain('source=dev');
    expect(carrier.traceparent).toBeUndefined(); // no span in the context
  });

  it('does not throw on odd input', () => {
    expect(() => injectContext(ROOT_CONTEXT, {}, undefined)).not.toThrow();
    expect(() => injectContext(undefined as never, {} as never)).not.toThrow();
  });
});

describe('extractContext', () => {
  it('round-trips inject → extract', () => {
    const carrier: Record<string, string> = {};
    injectContext(withBaggage({ tenant: 'acme' }, remoteParent), carrier, {
      sessionId: SESSION,
      project: 'proj',
      source: 'staging',
      runId: 'r',
      datasetId: 'd',
      datapointId: 'p',
    });
    const { context, stamp } = extractContext(carrier, ROOT_CONTEXT);
    expect(stamp).toEqual({ sessionId: SESSION, project: 'proj', source: 'staging', runId: 'r', datasetId: 'd', datapointId: 'p' });
    const parent = trace.getSpanContext(context);
    expect(parent).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID, isRemote: true });
    expect(propagation.getBaggage(context)?.getEntry('tenant')?.value).toBe('acme');
  });

  it('reads the Python variants and header names in any case, including arrays', () => {
    const { stamp, context } = extractContext(
      {
        TraceParent: `00-${TRACE_ID}-${SPAN_ID}-01`,
        BAGGAGE: [`honeyhive_session_id=${SESSION.toUpperCase()}`, 'honeyhive.project=py,honeyhive_source=ci'],
      },
      ROOT_CONTEXT,
    );
    expect(stamp).toEqual({ sessionId: SESSION, project: 'py', source: 'ci' });
    expect(trace.getSpanContext(context)?.traceId).toBe(TRACE_ID);
  });

  it.each([
    ['garbage traceparent', { traceparent: 'garbage', baggage: '%%%=%%%,ok=1' }],
    ['all-zero trace id', { traceparent: `00-${'0'.repeat(32)}-${SPAN_ID}-01` }],
    ['non-string values', { traceparent: 42 as unknown as string, baggage: { a: 1 } as unknown as string }],
    ['undefined carrier', undefined as unknown as Record<string, string>],
  ])('never throws on %s and gives no remote parent', (_label, carrier) => {
    const result = extractContext(carrier, ROOT_CONTEXT);
    expect(trace.getSpanContext(result.context)).toBeUndefined();
  });

  it('keeps valid baggage entries next to garbage ones; drops a non-UUID session id', () => {
    const { stamp, context } = extractContext({ baggage: 'session_id=nope,%E0%A4%A=bad,project=p' }, ROOT_CONTEXT);
    expect(stamp).toEqual({ project: 'p' });
    expect(propagation.getBaggage(context)?.getEntry('project')?.value).toBe('p');
  });
});
