/**
 * Uploads: multipart bodies streamed part by part to disk, within the size limits.
 */
@NullMarked
package dev.switchboard.fileshare.upload;

import org.jspecify.annotations.NullMarked;
