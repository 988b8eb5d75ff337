package dev.switchboard.socket.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.switchboard.socket.echo.CourseEchoHandler;

/**
 * Configuration of the course echo protocol, served by the socket server named
 * {@code echo}.
 *
 * @param replyPrefix Text the course echo's reply starts with, before the message
 * received.
 */
@ConfigurationProperties("switchboard.echo")
public record EchoProperties(@DefaultValue(CourseEchoHandler.DEFAULT_PREFIX) String replyPrefix) {

}
