package io.flowgate.services.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.flow.FlowNode;
import io.flowgate.runtime.engine.CredentialVault;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a webhook request against its trigger's {@code auth} field: none, basic, apiKey, hmac (hex
 * digest of the raw body) or Standard Webhooks signatures. Secret values missing from the field come
 * from the step's credential. Every comparison is constant-time.
 */
public final class WebhookAuthenticator {

    static final Duration STANDARD_WEBHOOKS_TOLERANCE = Duration.ofMinutes(5);
    private static final String DEFAULT_HMAC_HEADER = "x-eio-signature";

    private final CredentialVault credentials;
    private final Clock clock;

    public WebhookAuthenticator(CredentialVault credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /** Returns when the request may trigger the flow; UNAUTHORIZED otherwise. */
    public void check(FlowNode trigger, java.util.UUID workspaceId, WebhookRequest request) {
        JsonNode auth = trigger.fields().path("auth");
        String type = auth.path("type").asText("none");
        Secrets secrets = new Secrets(auth, trigger.credentialsId() == null ? Optional.empty()
                : credentials.keys(workspaceId, trigger.credentialsId()));
        boolean ok = switch (type) {
            case "none" -> true;
            case "basic" -> basic(request, secrets.get("username"), secrets.get("password"));
            case "apiKey" -> equal(request.header(auth.path("header").asText("x-api-key").toLowerCase(Locale.ROOT)),
                    secrets.get("value"));
            case "hmac" -> hmac(request, auth.path("algorithm").asText("sha256"), secrets.get("secret"),
                    auth.path("header").asText(DEFAULT_HMAC_HEADER).toLowerCase(Locale.ROOT));
            case "standardWebhooks" -> standardWebhooks(request, secrets.get("secret"));
            default -> false;
        };
        if (!ok) {
            throw FlowgateException.unauthorized("The request's credentials or signature do not match the flow's " + type + " auth");
        }
    }

    /** Secret values from the auth field, or from the credential's keys of the same name. */
    private record Secrets(JsonNode auth, Optional<ObjectNode> credential) {
        String get(String name) {
            if (auth.hasNonNull(name)) {
                return auth.get(name).asText();
            }
            return credential.map(keys -> keys.path(name).asText(null)).orElse(null);
        }
    }

    private static boolean basic(WebhookRequest request, String username, String password) {
        String header = request.header("authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6) || username == null || password == null) {
            return false;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            return equal(decoded, username + ":" + password);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean hmac(WebhookRequest request, String algorithm, String secret, String header) {
        String signature = request.header(header);
        if (signature == null || secret == null) {
            return false;
        }
        String given = signature.trim().toLowerCase(Locale.ROOT);
        int equals = given.indexOf('=');
        if (equals > 0 && given.substring(0, equals).startsWith("sha")) {
            given = given.substring(equals + 1);
        }
        String javaAlgorithm = "sha512".equals(algorithm) ? "HmacSHA512" : "HmacSHA256";
        String expected = HexFormat.of().formatHex(mac(javaAlgorithm, secret.getBytes(StandardCharsets.UTF_8), request.body()));
        return equal(given, expected);
    }

    private boolean standardWebhooks(WebhookRequest request, String secret) {
        String id = request.header("webhook-id");
        String timestamp = request.header("webhook-timestamp");
        String signatures = request.header("webhook-signature");
        if (id == null || timestamp == null || signatures == null || secret == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(clock.instant().getEpochSecond() - seconds) > STANDARD_WEBHOOKS_TOLERANCE.toSeconds()) {
            return false;
        }
        byte[] signed = concat((id + "." + timestamp.trim() + ".").getBytes(StandardCharsets.UTF_8), request.body());
        String expected = Base64.getEncoder().encodeToString(mac("HmacSHA256", standardWebhooksKey(secret), signed));
        boolean match = false;
        for (String candidate : signatures.trim().split(" ")) {
            if (candidate.startsWith("v1,")) {
                match |= equal(candidate.substring(3), expected);
            }
        }
        return match;
    }

    /** The key of a Standard Webhooks secret: the base64 after {@code whsec_}, or the raw text otherwise. */
    public static byte[] standardWebhooksKey(String secret) {
        if (secret.startsWith("whsec_")) {
            try {
                return Base64.getDecoder().decode(secret.substring(6));
            } catch (IllegalArgumentException e) {
                return secret.getBytes(StandardCharsets.UTF_8);
            }
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] mac(String algorithm, byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC is not available: " + e.getMessage(), e);
        }
    }

    private static boolean equal(String given, String expected) {
        if (given == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = new byte[first.length + second.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}
