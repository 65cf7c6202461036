package io.flowgate.services.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.FlowgateException.Problem;
import io.flowgate.core.Json;
import io.flowgate.core.credential.Credential;
import io.flowgate.core.credential.CredentialType;
import io.flowgate.core.crypto.SecretCipher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A credential's keys: checked against its type, sealed with the credential's id, opened again. */
public final class CredentialKeys {

    private static final String POINTER = "/data/attributes/keys";
    private static final int MAX_KEYS = 100;
    private static final int MAX_VALUE_CHARS = 64 * 1024;
    private static final byte[] CHECK_VALUE = "flowgate secret key check".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CHECK_DATA = "secret_key_check".getBytes(StandardCharsets.UTF_8);

    private final SecretCipher cipher;

    public CredentialKeys(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** The keys as sent: an object of string values with every key the type needs; UNPROCESSABLE otherwise. */
    public static ObjectNode check(CredentialType type, JsonNode keys) {
        if (keys == null || !keys.isObject()) {
            throw FlowgateException.unprocessable("Invalid credential keys",
                    List.of(Problem.at(POINTER, "keys must be an object of string values")));
        }
        List<Problem> problems = new ArrayList<>();
        if (keys.size() > MAX_KEYS) {
            problems.add(Problem.at(POINTER, "at most " + MAX_KEYS + " keys"));
        }
        keys.properties().forEach(key -> {
            if (!key.getValue().isTextual() || key.getValue().asText().length() > MAX_VALUE_CHARS) {
                problems.add(Problem.at(POINTER + "/" + key.getKey(), "must be a string of at most " + MAX_VALUE_CHARS + " characters"));
            }
        });
        for (String required : type.requiredKeys()) {
            if (!keys.hasNonNull(required) || keys.get(required).asText().isEmpty()) {
                problems.add(Problem.at(POINTER + "/" + required, "a " + type.wire() + " credential needs key '" + required + "'"));
            }
        }
        if (!problems.isEmpty()) {
            throw FlowgateException.unprocessable("Invalid credential keys", problems);
        }
        return (ObjectNode) keys;
    }

    public static List<String> names(ObjectNode keys) {
        List<String> names = new ArrayList<>();
        keys.fieldNames().forEachRemaining(names::add);
        return names.stream().sorted().toList();
    }

    public byte[] seal(UUID credentialId, ObjectNode keys) {
        return cipher.seal(Json.bytes(keys), bytes(credentialId));
    }

    public ObjectNode open(Credential credential) {
        return (ObjectNode) Json.parse(cipher.open(credential.sealedKeys(), bytes(credential.id())));
    }

    /** The value that tells later starts whether they have the same key. */
    public byte[] sealedCheck() {
        return cipher.seal(CHECK_VALUE, CHECK_DATA);
    }

    /** True when {@code sealedCheck} was sealed with this key. */
    public boolean opens(byte[] sealedCheck) {
        try {
            return java.util.Arrays.equals(cipher.open(sealedCheck, CHECK_DATA), CHECK_VALUE);
        } catch (FlowgateException e) {
            return false;
        }
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }
}
