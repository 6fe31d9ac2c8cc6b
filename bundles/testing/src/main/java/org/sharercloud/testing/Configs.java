package org.sharercloud.testing;

import java.util.Map;

import org.osgi.util.converter.Converters;

/**
 * Typed configuration for tests, made the way Declarative Services makes it: a component property type
 * (a configuration annotation) over a map of properties, with the annotation's defaults for what the map
 * leaves out. Keys are spelled as in the {@code .cfg} files ({@code credit.weight} for
 * {@code credit_weight()}).
 */
public final class Configs {
    private Configs() {
    }

    /** The configuration {@code type} with these properties. */
    public static <A> A of(Class<A> type, Map<String, ?> properties) {
        return Converters.standardConverter().convert(properties).to(type);
    }

    /** The configuration {@code type} with its defaults. */
    public static <A> A defaults(Class<A> type) {
        return of(type, Map.of());
    }
}
