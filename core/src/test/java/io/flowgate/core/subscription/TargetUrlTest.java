package io.flowgate.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowgate.core.FlowgateException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/hooks", "http://example.com:8080/a?b=c", "https://[2001:db8::1]/x"})
    void absoluteHttpUrlsWithAHostAreTargets(String url) {
        assertThat(TargetUrl.parse(url).toString()).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "example.com/hooks", "ftp://example.com/x", "file:///etc/passwd", "https:///path",
            "https://user:secret@example.com/x", "http://exa mple.com/"})
    void anythingElseIsBadInput(String url) {
        assertThatThrownBy(() -> TargetUrl.parse(url)).isInstanceOfSatisfying(FlowgateException.class,
                e -> assertThat(e.kind()).isEqualTo(FlowgateException.Kind.INVALID_INPUT));
    }

    @org.junit.jupiter.api.Test
    void aVeryLongUrlIsBadInput() {
        assertThatThrownBy(() -> TargetUrl.parse("https://example.com/" + "a".repeat(TargetUrl.MAX_LENGTH)))
                .hasMessageContaining("longer than");
    }
}
