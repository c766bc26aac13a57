// Tiny app, raw OpenTelemetry: the SDK's NodeTracerProvider with a BatchSpanProcessor and one OTLP exporter
// (http/json, @opentelemetry/exporter-trace-otlp-http), one traced call, flush, shut down.
import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { endpoint, stage } from './stage';

async function main(): Promise<void> {
  stage('loaded');
  const { otlpUrl, apiKey } = endpoint();
  const exporter = new OTLPTraceExporter({ url: otlpUrl, headers: { Authorization: `Bearer ${apiKey}` } });
  const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] });
  provider.register();
  stage('constructed');
  const tracer = trace.getTracer('tiny-app');
  tracer.startActiveSpan('handler', (span) => {
    const question = 'what is 40 + 2?';
    span.setAttributes({ 'honeyhive_inputs.question': question, honeyhive_event_type: 'tool', honeyhive_event_name: 'handler' });
    span.setAttribute('honeyhive_outputs.result.answer', 42);
    span.end();
  });
  await provider.forceFlush();
  stage('exported');
  await provider.shutdown();
}

void main();
