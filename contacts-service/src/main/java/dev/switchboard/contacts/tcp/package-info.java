/**
 * The course's TCP contacts protocol: one JSON command in, one JSON reply out.
 */
@NullMarked
package dev.switchboard.contacts.tcp;

import org.jspecify.annotations.NullMarked;
