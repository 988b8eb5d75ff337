package dev.switchboard.contacts;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The contacts-service: address book: REST and the course's TCP JSON contacts protocol on
 * one store.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ContactsApplication {

	public static void main(String[] args) {
		SpringApplication.run(ContactsApplication.class, args);
	}

}
