import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { buildResource, detectEnvironment } from '../src';
import { fakeProbe } from './helpers/fake-probe';

describe('@honeyhive/infra with a bare NodeTracerProvider', () => {
  it('puts the built resource on exported spans', async () => {
    const environment = detectEnvironment({
      env: { K_SERVICE: 'api', K_REVISION: 'api-7', FUNCTION_TARGET: 'handle', FUNCTION_REGION: 'us-central1' },
      fs: fakeProbe(),
    });
    const exporter = new InMemorySpanExporter();
    const provider = new NodeTracerProvider({
      resource: buildResource({
        serviceName: 'bare-app',
        serviceVersion: '0.0.1',
        source: 'test',
        environment,
        env: { OTEL_RESOURCE_ATTRIBUTES: 'team=ml' },
        attributes: { 'app.tier': 'gold' },
      }),
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
    try {
      provider.getTracer('infra-test').startSpan('work').end();
      await provider.forceFlush();
      const [span] = exporter.getFinishedSpans();
      expect(span?.name).toBe('work');
      expect(span?.resource.attributes).toMatchObject({
        'service.name': 'bare-app',
        'service.version': '0.0.1',
        'deployment.environment.name': 'test',
        'cloud.provider': 'gcp',
        'cloud.platform': 'gcp_cloud_functions',
        'cloud.region': 'us-central1',
        'faas.name': 'api',
        'faas.version': 'api-7',
        'telemetry.sdk.name': 'opentelemetry',
        'telemetry.sdk.language': 'nodejs',
        'process.runtime.name': 'nodejs',
        team: 'ml',
        'app.tier': 'gold',
      });
    } finally {
      await provider.shutdown();
    }
  });
});
