package dev.switchboard.e2e.configuration;

import org.jspecify.annotations.Nullable;

/**
 * One property of a module's configuration metadata.
 *
 * @param name its name; a key of a map is written {@code <name>}
 * @param type its Java type, as the metadata names it
 * @param defaultValue its default, as the metadata writes it (a string, number, boolean
 * or list), or {@code null} when it has none
 * @param description its description, or {@code null}
 * @param replacement the property that replaces it when it is deprecated, or {@code null}
 * @param deprecated whether it is deprecated
 * @param module the module whose metadata declares it
 */
record MetadataProperty(String name, String type, @Nullable Object defaultValue, @Nullable String description,
		@Nullable String replacement, boolean deprecated, String module) {

	boolean isDocumentable() {
		return !this.deprecated && this.description != null && !this.description.isBlank();
	}

}
