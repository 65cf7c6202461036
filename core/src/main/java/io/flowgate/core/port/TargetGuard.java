package io.flowgate.core.port;

import java.net.URI;

/**
 * Decides whether the platform may send requests to a URL (against server-side request forgery: no
 * loopback, private, link-local or unique-local targets unless the operator allows them).
 */
@FunctionalInterface
public interface TargetGuard {

    /** A guard that allows every target. */
    TargetGuard ALLOW_ALL = url -> {
    };

    /** Returns when {@code url} may be used; throws a FlowgateException of kind UNPROCESSABLE when not. */
    void check(URI url);
}
