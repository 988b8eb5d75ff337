/**
 * The file share's cross-cutting configuration: properties, Tomcat, security headers and
 * its error answers.
 */
@NullMarked
package dev.switchboard.fileshare.system;

import org.jspecify.annotations.NullMarked;
