package io.flowgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowgate.core.FlowgateException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrivateAddressGuardTest {

    /** Resolves literal addresses only (no DNS); "public.example" is public, "sneaky.example" is public and private. */
    private final PrivateAddressGuard guard = new PrivateAddressGuard(host -> switch (host) {
        case "public.example" -> List.of(InetAddress.getByName("93.184.216.34"));
        case "sneaky.example" -> List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.7"));
        case "gone.example" -> throw new UnknownHostException(host);
        default -> List.of(InetAddress.getByName(host));
    });

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "[::1]", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "[fe80::1]", "[fc00::1]", "[fd12:3456::1]", "0.0.0.0", "[::]", "0.1.2.3", "224.0.0.1",
            "[::ffff:127.0.0.1]", "[::ffff:10.0.0.1]", "[::127.0.0.1]", "[::10.0.0.1]", "sneaky.example", "gone.example"})
    void internalTargetsAreRefusedAsUnprocessable(String host) {
        assertThatThrownBy(() -> guard.check(URI.create("http://" + host + "/hook")))
                .isInstanceOfSatisfying(FlowgateException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FlowgateException.Kind.UNPROCESSABLE);
                    assertThat(e.problems().getFirst().pointer()).isEqualTo("/data/attributes/url");
                    assertThat(e.problems().getFirst().detail()).contains("FLOWGATE_DELIVERY_ALLOW_PRIVATE");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "192.169.0.1", "[2001:4860:4860::8888]", "public.example"})
    void publicTargetsAreAllowed(String host) {
        assertThatCode(() -> guard.check(URI.create("https://" + host + "/hook"))).doesNotThrowAnyException();
    }
}
