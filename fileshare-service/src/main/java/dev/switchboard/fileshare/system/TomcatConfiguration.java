package dev.switchboard.fileshare.system;

import org.apache.coyote.http11.AbstractHttp11Protocol;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat tuned for uploads: {@code 100 Continue} is sent only when the upload starts
 * being read, so that an upload refused on its declared size (413) is refused before the
 * client sends any of it (curl sends {@code Expect: 100-continue} for large bodies).
 */
@Configuration(proxyBeanMethods = false)
class TomcatConfiguration {

	@Bean
	TomcatConnectorCustomizer continueOnReadCustomizer() {
		return (connector) -> {
			if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> protocol) {
				protocol.setContinueResponseTiming("onRead");
			}
		};
	}

}
