import { trace, type Tracer } from '@opentelemetry/api';
import { NodeTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';

export interface Tracing {
  tracer(name: string): Tracer;
  exporting: boolean;
  shutdown(): Promise<void>;
}

/**
 * The one place the OpenTelemetry SDK is wired. Spans always get real trace ids (logs and bus
 * headers carry them); they leave the process only when an OTLP endpoint is configured.
 */
export function startTracing(opts: { serviceName: string; version: string; otlpEndpoint?: string }): Tracing {
  const exporter = opts.otlpEndpoint
    ? new OTLPTraceExporter({ url: `${opts.otlpEndpoint.replace(/\/$/, '')}/v1/traces` })
    : undefined;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: opts.serviceName, [ATTR_SERVICE_VERSION]: opts.version }),
    spanProcessors: exporter ? [new BatchSpanProcessor(exporter)] : [],
  });
  provider.register();
  return {
    tracer: (name) => trace.getTracer(name),
    exporting: exporter !== undefined,
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
    },
  };
}
