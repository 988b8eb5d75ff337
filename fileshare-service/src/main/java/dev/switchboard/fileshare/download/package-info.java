/**
 * Downloads: a share's files or one range of them, sent with sendfile where Tomcat offers
 * it.
 */
@NullMarked
package dev.switchboard.fileshare.download;

import org.jspecify.annotations.NullMarked;
