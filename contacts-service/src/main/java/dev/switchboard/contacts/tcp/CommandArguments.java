package dev.switchboard.contacts.tcp;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code args} object of one command, read with checks whose failures say what the
 * client got wrong.
 */
final class CommandArguments {

	private final String command;

	private final ObjectNode args;

	private CommandArguments(String command, ObjectNode args) {
		this.command = command;
		this.args = args;
	}

	static CommandArguments of(String command, @Nullable JsonNode args) {
		if (args == null || args.isNull()) {
			return new CommandArguments(command, JsonNodeFactory.instance.objectNode());
		}
		if (!args.isObject()) {
			throw new CommandException("\"args\" must be a JSON object, like {\"id\": 1}");
		}
		return new CommandArguments(command, (ObjectNode) args);
	}

	/**
	 * Refuse arguments the command does not know.
	 * @param allowed the command's arguments
	 * @return these arguments
	 */
	CommandArguments allowOnly(Set<String> allowed) {
		for (Map.Entry<String, JsonNode> arg : this.args.properties()) {
			if (!allowed.contains(arg.getKey())) {
				throw new CommandException(
						"unknown argument '" + arg.getKey() + "' for " + this.command + (allowed.isEmpty()
								? ": it takes none" : ": use " + String.join(", ", new TreeSet<>(allowed))));
			}
		}
		return this;
	}

	long id() {
		JsonNode id = this.args.get("id");
		if (id == null || id.isNull()) {
			throw new CommandException("missing argument 'id' for " + this.command);
		}
		if (!id.canConvertToExactIntegral() || !id.canConvertToLong() || id.asLong() < 1) {
			throw new CommandException("'id' must be a positive whole number, got " + abbreviate(id.toString()));
		}
		return id.asLong();
	}

	String requiredString(String name) {
		String value = optionalString(name);
		if (value == null) {
			throw new CommandException("missing argument '" + name + "' for " + this.command);
		}
		return value;
	}

	@Nullable String optionalString(String name) {
		JsonNode value = this.args.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new CommandException("'" + name + "' must be a string, got " + abbreviate(value.toString()));
		}
		return value.asString();
	}

	/**
	 * Return the arguments without some of them, for the fields of an update.
	 * @param names the arguments to leave out
	 * @return a copy without them
	 */
	ObjectNode without(String... names) {
		ObjectNode copy = this.args.deepCopy();
		copy.remove(Set.of(names));
		return copy;
	}

	static String abbreviate(String text) {
		return (text.length() <= 60) ? text : text.substring(0, 60) + "…";
	}

}
