package dev.switchboard.fileshare.system;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The service's clock (replaceable in tests) and the scheduling of the purge.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class FileshareConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

}
