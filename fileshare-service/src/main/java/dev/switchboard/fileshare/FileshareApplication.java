package dev.switchboard.fileshare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The fileshare-service: woof-style sharing: streamed uploads, share links with download
 * limits, folders as zip, web page.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FileshareApplication {

	public static void main(String[] args) {
		SpringApplication.run(FileshareApplication.class, args);
	}

}
