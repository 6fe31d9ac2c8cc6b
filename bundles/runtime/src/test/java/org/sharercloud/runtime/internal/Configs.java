package org.sharercloud.runtime.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds a typed-configuration annotation instance: defaults, with some values overridden. */
public final class Configs {
    private Configs() {
    }

    public static <A> A of(Class<A> type, Map<String, Object> values) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (p, method, args) -> {
            if (values.containsKey(method.getName())) {
                return values.get(method.getName());
            }
            if (method.getDefaultValue() != null) {
                return method.getDefaultValue();
            }
            return switch (method.getName()) {
                case "toString" -> type.getSimpleName() + values;
                case "hashCode" -> values.hashCode();
                case "equals" -> p == args[0];
                case "annotationType" -> type;
                default -> throw new IllegalArgumentException("no value for " + method.getName());
            };
        });
        return type.cast(proxy);
    }
}
