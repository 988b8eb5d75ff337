package dev.switchboard.messaging;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The messaging-service: users, status, direct messages, WebSocket chat with presence,
 * web chat page, TCP line chat.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MessagingApplication {

	public static void main(String[] args) {
		SpringApplication.run(MessagingApplication.class, args);
	}

}
