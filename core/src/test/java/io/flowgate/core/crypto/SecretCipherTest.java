package io.flowgate.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowgate.core.FlowgateException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final byte[] PLAIN = "{\"password\":\"pa55\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ROW = "row-1".getBytes(StandardCharsets.UTF_8);
    private final SecretCipher cipher = SecretCipher.fromBase64(SecretCipher.newKeyBase64());

    @Test
    void opensWhatItSealedAndNeverShowsThePlainText() {
        byte[] sealed = cipher.seal(PLAIN, ROW);

        assertThat(cipher.open(sealed, ROW)).isEqualTo(PLAIN);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("pa55");
        assertThat(sealed).hasSize(1 + 12 + PLAIN.length + 16);
    }

    @Test
    void sealsTextForATextColumnBoundToItsPlace() {
        String sealed = cipher.sealText("whsec_abc", "subscription-1");

        assertThat(sealed).startsWith(SecretCipher.TEXT_PREFIX).doesNotContain("whsec_abc");
        assertThat(SecretCipher.isSealedText(sealed)).isTrue();
        assertThat(SecretCipher.isSealedText("whsec_abc")).isFalse();
        assertThat(cipher.openText(sealed, "subscription-1")).isEqualTo("whsec_abc");
        assertThatThrownBy(() -> cipher.openText(sealed, "subscription-2")).isInstanceOf(FlowgateException.class);
        assertThatThrownBy(() -> cipher.openText("whsec_abc", "subscription-1")).isInstanceOf(FlowgateException.class);
        assertThatThrownBy(() -> cipher.openText(SecretCipher.TEXT_PREFIX + "%%%", "subscription-1"))
                .isInstanceOf(FlowgateException.class);
    }

    @Test
    void everySealingHasItsOwnNonce() {
        byte[] first = cipher.seal(PLAIN, ROW);
        byte[] second = cipher.seal(PLAIN, ROW);

        assertThat(Arrays.copyOfRange(first, 1, 13)).isNotEqualTo(Arrays.copyOfRange(second, 1, 13));
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void anotherKeyOtherAssociatedDataOrAnAlteredValueDoNotOpen() {
        byte[] sealed = cipher.seal(PLAIN, ROW);
        byte[] altered = sealed.clone();
        altered[altered.length - 1] ^= 1;
        SecretCipher other = SecretCipher.fromBase64(SecretCipher.newKeyBase64());

        for (Runnable attempt : new Runnable[] {() -> other.open(sealed, ROW),
                () -> cipher.open(sealed, "row-2".getBytes(StandardCharsets.UTF_8)), () -> cipher.open(altered, ROW),
                () -> cipher.open(new byte[3], ROW)}) {
            assertThatThrownBy(attempt::run).isInstanceOf(FlowgateException.class).hasMessageContaining("secret key");
        }
    }

    @Test
    void aKeyIs32BytesOfBase64() {
        assertThatThrownBy(() -> SecretCipher.fromBase64("c2hvcnQ=")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> SecretCipher.fromBase64("not base64!")).hasMessageContaining("base64");
    }
}
