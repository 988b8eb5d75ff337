package dev.switchboard.socket.autoconfigure;

import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.switchboard.socket.autoconfigure.SocketServerProperties.Protocol;
import dev.switchboard.socket.echo.CourseEchoHandler;
import dev.switchboard.socket.echo.Rfc862DatagramEchoHandler;
import dev.switchboard.socket.echo.Rfc862EchoHandler;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the echo protocols the starter
 * ships, for the servers that ask for them by name: {@code protocol: course-echo} serves
 * the course echo, {@code protocol: rfc862} RFC 862 echo (TCP and, with
 * {@code transport: tcp, udp}, UDP). A server's own name never chooses its protocol.
 */
@AutoConfiguration(before = SocketServerAutoConfiguration.class)
public final class EchoAutoConfiguration {

	/**
	 * The former name of {@code switchboard.socket.echo.reply-prefix}, still read for one
	 * release.
	 */
	static final String DEPRECATED_REPLY_PREFIX = "switchboard.echo.reply-prefix";

	private static final Log logger = LogFactory.getLog(EchoAutoConfiguration.class);

	@Configuration(proxyBeanMethods = false)
	@Conditional(OnCourseEchoCondition.class)
	@EnableConfigurationProperties(EchoProperties.class)
	static class CourseEchoConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CourseEchoHandler courseEchoHandler(EchoProperties properties, Environment environment) {
			return new CourseEchoHandler(replyPrefix(properties, Binder.get(environment)));
		}

		private static String replyPrefix(EchoProperties properties, Binder binder) {
			if (binder.bind(EchoProperties.PREFIX + ".reply-prefix", String.class).isBound()) {
				return properties.replyPrefix();
			}
			return binder.bind(DEPRECATED_REPLY_PREFIX, String.class).map((prefix) -> {
				logger.warn(DEPRECATED_REPLY_PREFIX + " is deprecated: set " + EchoProperties.PREFIX
						+ ".reply-prefix instead");
				return prefix;
			}).orElse(properties.replyPrefix());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(OnRfc862Condition.class)
	static class Rfc862EchoConfiguration {

		@Bean
		@ConditionalOnMissingBean
		Rfc862EchoHandler rfc862EchoHandler() {
			return new Rfc862EchoHandler();
		}

		@Bean
		@ConditionalOnMissingBean
		Rfc862DatagramEchoHandler rfc862DatagramEchoHandler() {
			return new Rfc862DatagramEchoHandler();
		}

	}

	/**
	 * Matches when an enabled server of {@code switchboard.socket.servers} names the
	 * protocol.
	 */
	abstract static class OnProtocolCondition extends SpringBootCondition {

		private final Protocol protocol;

		OnProtocolCondition(Protocol protocol) {
			this.protocol = protocol;
		}

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Map<String, ServerProtocol> servers = Binder.get(context.getEnvironment())
				.bind("switchboard.socket.servers", Bindable.mapOf(String.class, ServerProtocol.class))
				.orElse(Map.of());
			List<String> names = servers.entrySet()
				.stream()
				.filter((server) -> server.getValue().enabled() && server.getValue().protocol() == this.protocol)
				.map(Map.Entry::getKey)
				.sorted()
				.toList();
			ConditionMessage.Builder message = ConditionMessage.forCondition("socket server protocol", this.protocol);
			return names.isEmpty() ? ConditionOutcome.noMatch(message.because("no enabled server names it"))
					: ConditionOutcome.match(message.found("server", "servers").items(names));
		}

	}

	static final class OnCourseEchoCondition extends OnProtocolCondition {

		OnCourseEchoCondition() {
			super(Protocol.COURSE_ECHO);
		}

	}

	static final class OnRfc862Condition extends OnProtocolCondition {

		OnRfc862Condition() {
			super(Protocol.RFC862);
		}

	}

	/**
	 * The part of a server's properties that the conditions read.
	 *
	 * @param protocol the protocol it names, if any
	 * @param enabled whether it starts
	 */
	record ServerProtocol(@Nullable Protocol protocol, @DefaultValue("true") boolean enabled) {

	}

}
