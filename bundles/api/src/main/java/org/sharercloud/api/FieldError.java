package org.sharercloud.api;

/**
 * One problem with one field of a request, e.g. {@code {"field":"cpuMillis","error":"cpu must be between 1 and
 * 64000 millicores"}}: an entry of {@link ApiException#errors()}.
 *
 * @param field the offending field (dotted path for nested ones), or null when the problem is not about one field
 * @param error what is wrong, for people
 */
public record FieldError(String field, String error) implements java.io.Serializable {
}
