package dev.switchboard.service.problem;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Auto-configuration that answers every error of a servlet service as RFC 9457 problem
 * JSON: exceptions raised by controllers and the container's own errors (unknown paths,
 * errors raised before a controller runs), and offers a {@link ProblemDetailWriter} for
 * the code that answers outside Spring MVC.
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class,
		before = { WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class })
@ConditionalOnWebApplication(type = Type.SERVLET)
public final class ProblemDetailsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
	ProblemDetailsExceptionHandler problemDetailsExceptionHandler() {
		return new ProblemDetailsExceptionHandler();
	}

	@Bean
	@ConditionalOnMissingBean
	ProblemDetailWriter problemDetailWriter(ObjectProvider<JsonMapper> jsonMapper) {
		// the application's mapper, so that these problems read like the others
		return new ProblemDetailWriter(jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()));
	}

	@Bean
	@ConditionalOnMissingBean(ErrorController.class)
	ProblemErrorController problemErrorController(ErrorAttributes errorAttributes) {
		return new ProblemErrorController(errorAttributes);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ DataAccessException.class, TransactionException.class })
	static class StorageErrorsConfiguration {

		@Bean
		StorageUnavailableExceptionHandler storageUnavailableExceptionHandler() {
			return new StorageUnavailableExceptionHandler();
		}

	}

}
