package dev.switchboard.service;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

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

		@GetMapping("/teapot")
		void teapot(HttpServletResponse response) throws Exception {
			response.sendError(418);
		}

	}

	record Thing(@NotBlank String name) {
	}

}
