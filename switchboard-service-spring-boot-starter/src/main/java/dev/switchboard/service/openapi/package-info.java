/**
 * OpenAPI conventions: the document's description and the problem responses of every
 * operation.
 */
@NullMarked
package dev.switchboard.service.openapi;

import org.jspecify.annotations.NullMarked;
