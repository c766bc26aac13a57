import type { DetectedEnvironment } from '../src';
import { buildResource, detectEnvironment, detectServerless } from '../src';
import { fakeProbe } from './helpers/fake-probe';

// A tracer's constructor builds its resource; detection, host lookups and the merge wait until the resource is
// first read (the first span that ends, or the first export). The variables and user attributes are read at once.

/** A local detection that counts how often it is read. */
function countingDetection(): { environment: DetectedEnvironment; reads: () => number } {
  let reads = 0;
  const base = detectEnvironment({ env: {}, fs: fakeProbe() });
  const environment = new Proxy(base, {
    get(target, key, receiver) {
      reads += 1;
      return Reflect.get(target, key, receiver);
    },
  });
  return { environment, reads: () => reads };
}

describe('buildResource: deferred attributes', () => {
  it('reads the detection only when the attributes are first read, and builds them once', () => {
    const { environment, reads } = countingDetection();
    const resource = buildResource({ serviceName: 'lazy', env: {}, environment });
    expect(reads()).toBe(0);
    expect(resource.attributes['service.name']).toBe('lazy');
    const afterFirst = reads();
    expect(afterFirst).toBeGreaterThan(0);
    expect(resource.attributes).toBe(resource.attributes);
    expect(resource.asyncAttributesPending).toBeFalsy();
    expect(resource.getRawAttributes()).toContainEqual(['service.name', 'lazy']);
    expect(reads()).toBe(afterFirst);
  });

  it('reads the variables and the user attributes when it is built, not when it is read', () => {
    const env: Record<string, string> = { OTEL_SERVICE_NAME: 'at-build', OTEL_RESOURCE_ATTRIBUTES: 'team=ml', npm_package_version: '1.0.0' };
    const attributes: Record<string, string> = { 'app.tier': 'gold' };
    const resource = buildResource({ env, attributes, environment: detectEnvironment({ env: {}, fs: fakeProbe() }) });
    env.OTEL_SERVICE_NAME = 'later';
    env.OTEL_RESOURCE_ATTRIBUTES = 'team=other';
    env.npm_package_version = '2.0.0';
    attributes['app.tier'] = 'changed';
    expect(resource.attributes).toMatchObject({ 'service.name': 'at-build', team: 'ml', 'service.version': '1.0.0', 'app.tier': 'gold' });
  });

  it('merges like an eager resource', () => {
    const resource = buildResource({ serviceName: 'merged', env: {}, environment: detectEnvironment({ env: {}, fs: fakeProbe() }) });
    const merged = resource.merge(buildResource({ attributes: { extra: 'x' }, env: {}, environment: detectEnvironment({ env: {}, fs: fakeProbe() }) }));
    expect(merged.attributes.extra).toBe('x');
  });
});

describe('detectServerless', () => {
  it('tells serverless platforms from environment variables alone', () => {
    expect(detectServerless({ AWS_LAMBDA_FUNCTION_NAME: 'fn', AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x' })).toBe(
      detectEnvironment({ env: { AWS_LAMBDA_FUNCTION_NAME: 'fn', AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x' }, fs: fakeProbe() }).serverless,
    );
    expect(detectServerless({ AWS_LAMBDA_FUNCTION_NAME: 'fn', AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x' })).toBe(true);
    expect(detectServerless({ K_SERVICE: 'api', K_REVISION: 'api-1', K_CONFIGURATION: 'api' })).toBe(true);
    expect(detectServerless({})).toBe(false);
    expect(detectServerless({ KUBERNETES_SERVICE_HOST: '10.0.0.1', CI: 'true' })).toBe(false);
  });

  it('without env, decides once per process and agrees with the default detection, whichever runs first', () => {
    const saved = process.env.AWS_LAMBDA_FUNCTION_NAME;
    try {
      jest.isolateModules(() => {
        const infra = require('../src') as typeof import('../src');
        process.env.AWS_LAMBDA_FUNCTION_NAME = 'decided-once';
        expect(infra.detectServerless()).toBe(true);
        delete process.env.AWS_LAMBDA_FUNCTION_NAME;
        expect(infra.detectServerless()).toBe(true);
        expect(infra.detectEnvironment()).toMatchObject({ kind: 'aws-lambda', serverless: true, faas: { name: 'decided-once' } });
        expect(infra.detectEnvironment({ refresh: true }).serverless).toBe(false);
        expect(infra.detectServerless()).toBe(false);
      });
    } finally {
      if (saved === undefined) delete process.env.AWS_LAMBDA_FUNCTION_NAME;
      else process.env.AWS_LAMBDA_FUNCTION_NAME = saved;
    }
  });

  it('never throws', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('hostile env'); } });
    expect(detectServerless(hostile)).toBe(false);
  });
});
