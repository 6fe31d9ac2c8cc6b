package org.sharercloud.runtime.internal.docker;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.sharercloud.api.runtime.ImageRef;

/**
 * The contributor's side of the image policy: its own allow-list ({@code allowedImages}, which can only narrow the
 * coordinator's), no registry on a loopback or private network (also after resolving its name), and no image that
 * exists only on this machine (built or imported here, so never pulled from a registry: it carries no repository
 * digest) unless the owner lists it in {@code localImages}.
 */
final class ImageGate {
    private ImageGate() {
    }

    /** Why the image may not be used before looking at the engine, or null. */
    static String refusal(DockerConfig config, String image) {
        ImageRef ref = ImageRef.parse(image);
        List<String> allowed = ImageRef.patterns(config.allowedImages());
        if (!allowed.isEmpty() && !ref.matchesAny(allowed)) {
            return "image " + image + " is not on this contributor's allow-list (allowedImages = " + String.join(", ", allowed) + ")";
        }
        if (ref.matchesAny(ImageRef.patterns(config.localImages()))) {
            return null;
        }
        String privateRegistry = ref.privateRegistry();
        if (privateRegistry != null) {
            return "image " + image + " is refused: " + privateRegistry;
        }
        return null;
    }

    /** Whether a local image may run: it came from a registry, or the owner allows it as a local image. */
    static String localRefusal(DockerConfig config, String image, List<String> repoDigests) {
        if ((repoDigests != null && !repoDigests.isEmpty()) || ImageRef.parse(image).matchesAny(ImageRef.patterns(config.localImages()))) {
            return null;
        }
        return "image " + image + " exists only on this machine (built or imported here, never pulled from a registry); "
                + "the machine's owner allows such images with localImages in etc/" + DockerConfig.PID + ".cfg";
    }

    /** Why pulling is refused once the registry's name is resolved (any address loopback or private), or null. */
    static String resolvedRefusal(String image) {
        ImageRef ref = ImageRef.parse(image);
        try {
            for (InetAddress a : InetAddress.getAllByName(ref.registryHost().replace("[", "").replace("]", ""))) {
                if (ImageRef.privateAddress(a)) {
                    return "image " + image + " is refused: registry " + ref.registry() + " resolves to " + a.getHostAddress()
                            + ", a loopback or private address";
                }
            }
            return null;
        } catch (UnknownHostException e) {
            return null; // the pull will fail and say so
        }
    }
}
