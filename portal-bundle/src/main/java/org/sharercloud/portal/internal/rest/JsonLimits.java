package org.sharercloud.portal.internal.rest;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/** Applies the configured JSON limits to {@link Json#MAPPER} and says in plain words which one a body broke. */
public final class JsonLimits {
    private JsonLimits() {
    }

    /** Sets the nesting depth and string length limits on every parser {@link Json#MAPPER} creates from now on. */
    public static void apply(BodyLimits limits) {
        Json.MAPPER.getFactory().setStreamReadConstraints(limits.constraints());
    }

    static String describe(StreamConstraintsException e) {
        StreamReadConstraints c = Json.MAPPER.getFactory().streamReadConstraints();
        String m = String.valueOf(e.getOriginalMessage());
        if (m.contains("nesting depth")) {
            return "the JSON is nested deeper than " + c.getMaxNestingDepth() + " levels (json.max.depth in etc/org.sharercloud.portal.cfg)";
        }
        if (m.contains("String value length")) {
            return "a JSON string is longer than " + c.getMaxStringLength() + " characters (json.max.string.length in etc/org.sharercloud.portal.cfg)";
        }
        if (m.contains("Number value length")) {
            return "a JSON number has more than " + c.getMaxNumberLength() + " digits";
        }
        return "the JSON is too large: " + m.replaceAll("\\s*\\(from `[^`]*`\\)", "");
    }
}
