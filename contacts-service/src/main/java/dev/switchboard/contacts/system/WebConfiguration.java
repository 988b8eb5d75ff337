package dev.switchboard.contacts.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.data.web.config.EnableSpringDataWebSupport;
import org.springframework.data.web.config.EnableSpringDataWebSupport.PageSerializationMode;

/**
 * Pages answer Spring Data's stable JSON: {@code {"content": [...], "page": {"size",
 * "number", "totalElements", "totalPages"}}}.
 */
@Configuration(proxyBeanMethods = false)
@EnableSpringDataWebSupport(pageSerializationMode = PageSerializationMode.VIA_DTO)
class WebConfiguration {

}
