package io.cutover.worker;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentracing.Tracer;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Optional tracing (off unless an OTLP endpoint is given): OpenTelemetry spans exported over
 * OTLP/HTTP, fed by Temporal's OpenTracing interceptors through OpenTelemetry's OpenTracing shim —
 * the Java SDK's tracing module speaks OpenTracing; the shim is how it reaches an OpenTelemetry
 * collector. {@link StepSpans} names each activity's span after the step it runs.
 */
public final class Tracing implements AutoCloseable {
  private final SdkTracerProvider provider;
  private final Tracer tracer;
  private final String endpoint;

  private Tracing(SdkTracerProvider provider, Tracer tracer, String endpoint) {
    this.provider = provider;
    this.tracer = tracer;
    this.endpoint = endpoint;
  }

  /**
   * Exports to {@code base + "/v1/traces"} (the base as in {@code OTEL_EXPORTER_OTLP_ENDPOINT},
   * e.g. {@code http://otel-collector:4318}).
   *
   * @throws IllegalArgumentException naming the option when the address is not an http(s) URL
   */
  public static Tracing otlp(String base, String serviceName) {
    URI uri;
    try {
      uri = URI.create(base.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--otlp-endpoint '" + base + "' is not a URL: " + e.getMessage());
    }
    if (uri.getScheme() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "--otlp-endpoint '"
              + base
              + "' must be an http(s) URL such as http://otel-collector:4318");
    }
    String endpoint = base.trim().replaceAll("/+$", "") + "/v1/traces";
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(
                        Resource.create(
                            Attributes.of(AttributeKey.stringKey("service.name"), serviceName))))
            .addSpanProcessor(
                BatchSpanProcessor.builder(
                        OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build())
                    .setScheduleDelay(Duration.ofSeconds(1))
                    .build())
            .build();
    OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(provider).build();
    return new Tracing(provider, OpenTracingShim.createTracerShim(otel), endpoint);
  }

  public Tracer tracer() {
    return tracer;
  }

  public String endpoint() {
    return endpoint;
  }

  /** Sends what is buffered (a worker stopping must not lose its last spans). */
  @Override
  public void close() {
    provider.forceFlush().join(10, TimeUnit.SECONDS);
    provider.shutdown().join(10, TimeUnit.SECONDS);
  }
}
