package org.sharercloud.portal.internal.shell;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.sharercloud.api.ApiException;

/**
 * Reads a local file named on the console (a spec, an input, a series) as UTF-8 text, at most {@link #MAX_BYTES}:
 * a larger file (or an endless one such as {@code /dev/zero}) is a 413 naming the option, not a coordinator out of
 * memory; a bad path, an unreadable file or bytes that are not UTF-8 are a 400 naming it.
 */
final class ShellFiles {
    /** As the API's {@code body.max.bytes} default: nothing larger could be submitted anyway. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    private ShellFiles() {
    }

    static String read(String file, String field) {
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw ApiException.badRequest(field, "not a file name: " + e.getMessage());
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new ApiException(413, field, file + " is larger than " + MAX_BYTES + " bytes");
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest(field, file + " is not UTF-8 text");
        } catch (IOException e) {
            throw ApiException.badRequest(field, "cannot read " + file + ": " + e.getMessage());
        }
    }
}
