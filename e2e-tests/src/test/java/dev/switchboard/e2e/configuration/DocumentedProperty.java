package dev.switchboard.e2e.configuration;

import org.jspecify.annotations.Nullable;

/**
 * One property named in a README's configuration table.
 *
 * @param name its name, with a map key written {@code <name>}
 * @param documentedDefault what the table gives as its default, or {@code null} when the
 * row's defaults cannot be told apart
 * @param row the table row, to say where a problem is
 */
record DocumentedProperty(String name, @Nullable String documentedDefault, String row) {

}
