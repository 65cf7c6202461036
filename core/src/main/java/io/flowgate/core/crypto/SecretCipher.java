package io.flowgate.core.crypto;

import io.flowgate.core.FlowgateException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit nonce for every sealed value. A sealed value is
 * {@code version (1 byte) | nonce (12) | ciphertext and 128-bit tag}; the associated data (e.g. the
 * credential's id) binds it to its place, so a value copied elsewhere does not open.
 */
public final class SecretCipher {

    public static final int KEY_BYTES = 32;
    /** What text sealed by {@link #sealText} starts with. */
    public static final String TEXT_PREFIX = "sealed:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte VERSION = 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public SecretCipher(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the secret key must be " + KEY_BYTES + " bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** A key from its base64 text; IllegalArgumentException saying what is wrong otherwise. */
    public static SecretCipher fromBase64(String text) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the secret key is not base64");
        }
        return new SecretCipher(key);
    }

    public static String newKeyBase64() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public byte[] seal(byte[] plain, byte[] associated) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, associated, plain);
        return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
    }

    /** Seals text for a text column: {@link #TEXT_PREFIX} and the base64 of the sealed UTF-8 bytes. */
    public String sealText(String plain, String associated) {
        byte[] sealed = seal(plain.getBytes(StandardCharsets.UTF_8), associated.getBytes(StandardCharsets.UTF_8));
        return TEXT_PREFIX + Base64.getEncoder().encodeToString(sealed);
    }

    /** Opens what {@link #sealText} sealed with the same associated data; INTERNAL otherwise. */
    public String openText(String sealed, String associated) {
        if (!isSealedText(sealed)) {
            throw cannotOpen(null);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(TEXT_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw cannotOpen(e);
        }
        return new String(open(bytes, associated.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    public static boolean isSealedText(String value) {
        return value != null && value.startsWith(TEXT_PREFIX);
    }

    /** Opens a sealed value; INTERNAL when it was sealed with another key, for other data, or altered. */
    public byte[] open(byte[] sealed, byte[] associated) {
        if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw cannotOpen(null);
        }
        byte[] nonce = Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES);
        return run(Cipher.DECRYPT_MODE, nonce, associated, Arrays.copyOfRange(sealed, 1 + NONCE_BYTES, sealed.length));
    }

    private byte[] run(int mode, byte[] nonce, byte[] associated, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associated);
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw cannotOpen(e);
        }
    }

    private static FlowgateException cannotOpen(Exception cause) {
        return FlowgateException.internal("A sealed secret cannot be opened: the secret key (FLOWGATE_SECRET_KEY or "
                + "<data dir>/secret.key) is not the one it was sealed with, or the value was altered", cause);
    }
}
