package io.flowgate.core.subscription;

import io.flowgate.core.FlowgateException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a delivery per Standard Webhooks: {@code v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">} for
 * each secret, space-separated.
 */
public final class WebhookSigner {

    private WebhookSigner() {
    }

    public static String sign(String messageId, long timestampSeconds, byte[] body, List<WebhookSecret> secrets) {
        byte[] signed = signedContent(messageId, timestampSeconds, body);
        return secrets.stream().map(secret -> "v1," + hmac(secret.key(), signed)).collect(Collectors.joining(" "));
    }

    private static byte[] signedContent(String messageId, long timestampSeconds, byte[] body) {
        byte[] prefix = (messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        System.arraycopy(body, 0, content, prefix.length, body.length);
        return content;
    }

    private static String hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content));
        } catch (GeneralSecurityException e) {
            throw FlowgateException.internal("HMAC-SHA256 is not available", e);
        }
    }
}
