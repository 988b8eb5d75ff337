package dev.switchboard.messaging.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the web chat page at {@code /chat/} (static files under {@code static/chat/}).
 */
@Configuration(proxyBeanMethods = false)
class ChatPageConfiguration implements WebMvcConfigurer {

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/chat", "/chat/");
		registry.addViewController("/chat/").setViewName("forward:/chat/index.html");
	}

}
