package io.flowgate.core.subscription;

import io.flowgate.core.FlowgateException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The shape every subscription URL has: absolute http or https, with a host, no user info, at most 2,000 characters. */
public final class TargetUrl {

    public static final int MAX_LENGTH = 2_000;

    private TargetUrl() {
    }

    public static URI parse(String text) {
        if (text == null || text.isBlank()) {
            throw FlowgateException.invalid("attributes.url is required");
        }
        if (text.length() > MAX_LENGTH) {
            throw FlowgateException.invalid("attributes.url is longer than " + MAX_LENGTH + " characters");
        }
        URI url;
        try {
            url = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw FlowgateException.invalid("attributes.url is not a valid URL: " + e.getMessage());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw FlowgateException.invalid("attributes.url must be an http or https URL");
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            throw FlowgateException.invalid("attributes.url must name a host");
        }
        if (url.getRawUserInfo() != null) {
            throw FlowgateException.invalid("attributes.url must not carry a user name or password");
        }
        return url;
    }
}
