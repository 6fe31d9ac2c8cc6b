package org.sharercloud.portal.internal.shell;

import org.sharercloud.portal.internal.rest.Json;

import com.fasterxml.jackson.core.JsonProcessingException;

/** {@code --json}: the same JSON the API answers with (one mapping, {@link Json#MAPPER}), on one line for scripts. */
final class ShellJson {
    private ShellJson() {
    }

    static void print(Object value) throws JsonProcessingException {
        System.out.println(Json.MAPPER.writeValueAsString(value));
    }
}
