package dev.switchboard.service;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.service.problem.ProblemDetailWriter;

/**
 * A small service that raises every kind of error the conventions must render.
 */
@SpringBootApplication
class ConventionsTestApplication {

	@RestController
	static class ThingController {

		@GetMapping("/things/{id}")
		@Operation(summary = "Read a thing")
		@ApiResponse(responseCode = "200", description = "The thing")
		@ApiResponse(responseCode = "404", description = "No thing with this id")
		String thing(@PathVariable @Min(1) long id, @RequestParam(defaultValue = "1") int count) {
			return "thing " + id + " x" + count;
		}

		@PostMapping("/things")
		Thing create(@Valid @RequestBody Thing thing) {
			return thing;
		}

		@PostMapping("/things/{id}")
		Thing replace(@PathVariable @Min(1) long id, @Valid @RequestBody Thing thing) {
			return thing;
		}

		@GetMapping("/storage")
		String storage() {
			throw new CannotCreateTransactionException("Connection refused");
		}

		@GetMapping("/storage/connection-lost")
		String connectionLost() {
			// what Hibernate reports when PostgreSQL shuts down under a query
			throw new InvalidDataAccessResourceUsageException("could not execute statement",
					new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
		}

		@GetMapping("/storage/rollback-failed")
		String rollbackFailed() {
			// the rollback that follows, on the connection Hikari has closed (HikariCP 7
			// throws this without a SQLState)
			throw new TransactionSystemException("Unable to rollback against JDBC Connection",
					new SQLException("Connection is closed"));
		}

		@GetMapping("/storage/misuse")
		String misuse() {
			throw new InvalidDataAccessApiUsageException("a bug, not an outage");
		}

		@GetMapping("/teapot")
		void teapot(HttpServletResponse response) throws Exception {
			response.sendError(418);
		}

	}

	record Thing(@NotBlank String name) {
	}

	/**
	 * A filter that needs the database, as token authentication does, while it is down.
	 */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> storageFilter() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new OncePerRequestFilter() {

					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws IOException {
						throw new IllegalStateException("Token lookup failed",
								new SQLTransientConnectionException(
										"HikariPool-1 - Connection is not available, request timed out after 3000ms.",
										"08001"));
					}

				});
		registration.addUrlPatterns("/storage/in-filter");
		return registration;
	}

	/**
	 * A filter that refuses a request before any controller, as a security entry point
	 * does, with the starter's writer.
	 */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> refusingFilter(ProblemDetailWriter problems) {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new OncePerRequestFilter() {

					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws IOException {
						ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
								"Send a bearer token.");
						problem.setProperty("scheme", "Bearer");
						response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
						problems.write(request, response, problem);
					}

				});
		registration.addUrlPatterns("/refused-in-filter");
		return registration;
	}

}
