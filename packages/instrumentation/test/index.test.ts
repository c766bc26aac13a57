import * as api from '../src';

describe('public API', () => {
  it('exports exactly the documented runtime names', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'FALLBACK_TRACER_NAME',
        'atrace',
        'enrichSession',
        'enrichSpan',
        'registerInstrumentors',
        'isTraced',
        'parseParamNames',
        'setDefaultTracerResolver',
        'trace',
        'traceChain',
        'traceClass',
        'traceMethod',
        'traceModel',
        'traceTool',
        'traced',
        'untraced',
      ].sort(),
    );
  });

  it('resolves through the workspace package name too', () => {
    const viaName = require('@honeyhive/instrumentation') as typeof api;
    expect(viaName.trace).toBe(api.trace);
  });
});
