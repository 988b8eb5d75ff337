package dev.switchboard.e2e.configuration;

import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The entries of a {@code Map<String, SomeRecord>} property, which the configuration
 * metadata describes as the map alone: one property per record component, named
 * {@code <map>.<name>.<component>}, with the default its {@code @DefaultValue} gives.
 */
final class MapOfRecords {

	private static final Pattern MAP_TYPE = Pattern.compile("java\\.util\\.Map<java\\.lang\\.String,\\s*(.+)>");

	private MapOfRecords() {
	}

	/**
	 * Whether a property is a map by name.
	 * @param type the property's type, as the metadata names it
	 * @return whether it is a {@code Map<String, …>}
	 */
	static boolean isMap(String type) {
		return MAP_TYPE.matcher(type).matches();
	}

	/**
	 * The record a map property's values are, if they are one.
	 * @param type the property's type, as the metadata names it
	 * @param classes the classes of the module that declares it
	 * @return the record, or {@code null} when the property is no map of records
	 */
	static @Nullable Class<?> valueRecord(String type, ClassLoader classes) {
		Matcher matcher = MAP_TYPE.matcher(type);
		if (!matcher.matches()) {
			return null;
		}
		try {
			Class<?> value = classes.loadClass(matcher.group(1).trim());
			return value.isRecord() ? value : null;
		}
		catch (ClassNotFoundException ex) {
			return null;
		}
	}

	/**
	 * The entries of a map of records: one property per record component (recursively for
	 * a nested record with defaults), with the map's description and the component's
	 * {@code @DefaultValue}.
	 */
	static void expand(String prefix, Class<?> record, MetadataProperty map, List<MetadataProperty> into) {
		RecordComponent[] components = record.getRecordComponents();
		Parameter[] parameters = canonicalConstructor(record, components).getParameters();
		for (int i = 0; i < components.length; i++) {
			String name = prefix + kebabCase(components[i].getName());
			Class<?> type = components[i].getType();
			DefaultValue defaultValue = parameters[i].getAnnotation(DefaultValue.class);
			if (type.isRecord() && defaultValue != null && defaultValue.value().length == 0) {
				expand(name + ".", type, map, into);
				continue;
			}
			Object value = (defaultValue != null && defaultValue.value().length > 0)
					? Arrays.asList(defaultValue.value()) : null;
			into.add(new MetadataProperty(name, type.getName(), single(value), map.description(), null, false,
					map.module()));
		}
	}

	private static @Nullable Object single(@Nullable Object value) {
		return (value instanceof List<?> list && list.size() == 1) ? list.get(0) : value;
	}

	private static Constructor<?> canonicalConstructor(Class<?> record, RecordComponent[] components) {
		try {
			return record.getDeclaredConstructor(
					Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(record + " has no canonical constructor", ex);
		}
	}

	static String kebabCase(String camelCase) {
		return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
	}

}
