package dev.switchboard.random;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The random-service: stateless playground: random numbers, HTTP request echo, status
 * codes, TCP echo.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RandomApplication {

	public static void main(String[] args) {
		SpringApplication.run(RandomApplication.class, args);
	}

}
