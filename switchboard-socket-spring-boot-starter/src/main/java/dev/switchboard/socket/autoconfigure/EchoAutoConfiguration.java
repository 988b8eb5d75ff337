package dev.switchboard.socket.autoconfigure;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.switchboard.socket.echo.CourseEchoHandler;
import dev.switchboard.socket.echo.Rfc862DatagramEchoHandler;
import dev.switchboard.socket.echo.Rfc862EchoHandler;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the echo protocols the starter
 * ships: configuring a port for the server named {@code echo} serves the course echo on
 * it, one for {@code rfc862} serves RFC 862 echo (TCP and, with
 * {@code transport: tcp, udp}, UDP).
 */
@AutoConfiguration(before = SocketServerAutoConfiguration.class)
public final class EchoAutoConfiguration {

	/**
	 * The server name of the course echo.
	 */
	public static final String COURSE_ECHO = "echo";

	/**
	 * The server name of RFC 862 echo.
	 */
	public static final String RFC862_ECHO = "rfc862";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty("switchboard.socket.servers." + COURSE_ECHO + ".port")
	@EnableConfigurationProperties(EchoProperties.class)
	static class CourseEchoConfiguration {

		@Bean
		@Qualifier(COURSE_ECHO)
		@ConditionalOnMissingBean
		CourseEchoHandler courseEchoHandler(EchoProperties properties) {
			return new CourseEchoHandler(properties.replyPrefix());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty("switchboard.socket.servers." + RFC862_ECHO + ".port")
	static class Rfc862EchoConfiguration {

		@Bean
		@Qualifier(RFC862_ECHO)
		@ConditionalOnMissingBean
		Rfc862EchoHandler rfc862EchoHandler() {
			return new Rfc862EchoHandler();
		}

		@Bean
		@Qualifier(RFC862_ECHO)
		@ConditionalOnMissingBean
		Rfc862DatagramEchoHandler rfc862DatagramEchoHandler() {
			return new Rfc862DatagramEchoHandler();
		}

	}

}
