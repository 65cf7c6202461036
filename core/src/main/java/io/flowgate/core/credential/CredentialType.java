package io.flowgate.core.credential;

import io.flowgate.core.WireWord;
import io.flowgate.core.FlowgateException;
import java.util.List;

/** What a credential is for, and the keys each type needs (a custom credential holds any keys). */
public enum CredentialType implements WireWord {
    BASIC("basic", List.of("username", "password")),
    API_KEY("apiKey", List.of("value")),
    HMAC("hmac", List.of("secret")),
    BEARER("bearer", List.of("token")),
    CUSTOM("custom", List.of());

    private final String wire;
    private final List<String> requiredKeys;

    CredentialType(String wire, List<String> requiredKeys) {
        this.wire = wire;
        this.requiredKeys = requiredKeys;
    }

    @Override
    public String wire() {
        return wire;
    }

    public List<String> requiredKeys() {
        return requiredKeys;
    }

    public static CredentialType fromWire(String value) {
        return WireWord.parse(CredentialType.class, value)
                .orElseThrow(() -> FlowgateException.unprocessable("Unknown credential type", List.of(FlowgateException.Problem.at(
                "/data/attributes/type", "expected basic, apiKey, hmac, bearer or custom, got '" + value + "'"))));
    }
}
