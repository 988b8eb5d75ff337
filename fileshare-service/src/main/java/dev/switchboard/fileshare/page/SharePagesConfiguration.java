package dev.switchboard.fileshare.page;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web pages, static files under {@code static/share/}: the upload page at
 * {@code /share/} and a share's download page at {@code /share/d/{token}}. Their links
 * are relative, so they work on the service and through the gateway alike.
 */
@Configuration(proxyBeanMethods = false)
class SharePagesConfiguration implements WebMvcConfigurer {

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/share", "/share/").setStatusCode(HttpStatus.MOVED_PERMANENTLY);
		registry.addViewController("/share/").setViewName("forward:/share/index.html");
		registry.addViewController("/share/d/{token}").setViewName("forward:/share/download.html");
	}

}
