package dev.switchboard.service.tracing;

import io.micrometer.tracing.Tracer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the suite's tracing conventions: the trace id in every problem
 * answer ({@link TraceIdProblemAdvice}). The tracer itself, the {@code traceparent}
 * propagation and the OTLP export are Spring Boot's (see the starter's defaults).
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration")
@ConditionalOnClass(Tracer.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
public final class TracingConventionsAutoConfiguration {

	@Bean
	@ConditionalOnBean(Tracer.class)
	@ConditionalOnMissingBean
	TraceIdProblemAdvice traceIdProblemAdvice(Tracer tracer) {
		return new TraceIdProblemAdvice(tracer);
	}

}
