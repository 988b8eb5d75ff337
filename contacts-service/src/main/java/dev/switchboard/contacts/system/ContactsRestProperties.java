package dev.switchboard.contacts.system;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the address book's REST API.
 *
 * @param maxPageSize the most contacts one page of {@code GET /api/contacts} may hold; a
 * larger {@code size} is refused with 400
 */
@Validated
@ConfigurationProperties("switchboard.contacts.rest")
public record ContactsRestProperties(@DefaultValue("100") @Min(1) @Max(2000) int maxPageSize) {

}
