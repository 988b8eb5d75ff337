package dev.switchboard.contacts.system;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.web.config.EnableSpringDataWebSupport;
import org.springframework.data.web.config.EnableSpringDataWebSupport.PageSerializationMode;

/**
 * Pages answer Spring Data's stable JSON: {@code {"content": [...], "page": {"size",
 * "number", "totalElements", "totalPages"}}}, and their limits are typed settings. Spring
 * Data's own paging settings ({@code spring.data.web.pageable.*}) do not apply: the
 * contacts controller reads and checks {@code page} and {@code size} itself, so that a
 * value out of range is refused rather than silently replaced.
 */
@Configuration(proxyBeanMethods = false)
@EnableSpringDataWebSupport(pageSerializationMode = PageSerializationMode.VIA_DTO)
@EnableConfigurationProperties(ContactsRestProperties.class)
public class WebConfiguration {

}
