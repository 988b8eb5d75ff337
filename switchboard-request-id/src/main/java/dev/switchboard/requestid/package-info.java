/**
 * The suite's request ids: how one is made and which header carries it.
 */
@NullMarked
package dev.switchboard.requestid;

import org.jspecify.annotations.NullMarked;
