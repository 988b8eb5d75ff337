package dev.switchboard.socket.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.switchboard.socket.echo.CourseEchoHandler;

/**
 * Configuration of the course echo protocol, served by every socket server whose
 * {@code protocol} is {@code course-echo}.
 *
 * @param replyPrefix Text the course echo's reply starts with, before the message
 * received.
 */
@ConfigurationProperties(EchoProperties.PREFIX)
public record EchoProperties(@DefaultValue(CourseEchoHandler.DEFAULT_PREFIX) String replyPrefix) {

	/**
	 * The prefix of the course echo's properties.
	 */
	public static final String PREFIX = "switchboard.socket.echo";

}
