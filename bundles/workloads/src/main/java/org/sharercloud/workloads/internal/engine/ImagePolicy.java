package org.sharercloud.workloads.internal.engine;

import java.util.List;

import org.sharercloud.api.ApiException;
import org.sharercloud.api.runtime.ImageRef;

/**
 * The operator's image allow-list ({@code images.allowed}: name patterns or digests, see {@link ImageRef}) and the
 * refusal of registries on loopback or private networks, checked when a workload or a reservation names an image.
 * A contributor can only narrow this further (its docker runtime's {@code allowedImages}).
 */
public final class ImagePolicy {
    private ImagePolicy() {
    }

    /** The image, or 400 on {@code field} naming why it is refused. */
    public static String check(String image, String[] allowed, String field) {
        ImageRef ref = ImageRef.parse(image);
        String privateRegistry = ref.privateRegistry();
        if (privateRegistry != null) {
            throw ApiException.badRequest(field, "image " + image + " is refused: " + privateRegistry);
        }
        List<String> patterns = ImageRef.patterns(allowed);
        if (!ref.matchesAny(patterns)) {
            throw ApiException.badRequest(field, "image " + image + " is not on this coordinator's allow-list (images.allowed = "
                    + String.join(", ", patterns) + ")");
        }
        return image;
    }
}
