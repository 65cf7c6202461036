package io.flowgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlowgateConfigTest {

    @Test
    void withNothingSetANodeRunsEverythingOnTheEmbeddedDefault() {
        FlowgateConfig config = FlowgateConfig.fromEnvironment(Map.of());

        assertThat(config.http().host()).isEqualTo("0.0.0.0");
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.http().maxBodyBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(config.broker().embedded()).isTrue();
        assertThat(config.broker().embeddedPort()).isEqualTo(5673);
        assertThat(config.database().embedded()).isTrue();
        assertThat(config.dataDir()).isEqualTo(Path.of("./data").toAbsolutePath().normalize());
        assertThat(config.roles()).containsExactlyInAnyOrder(FlowgateConfig.Role.values());
        assertThat(config.retention().executions().toDays()).isEqualTo(30);
        assertThat(config.retention().stepInputs().toDays()).isEqualTo(5);
        assertThat(config.runtime().shutdownGrace()).hasSeconds(10);
    }

    @Test
    void theShutdownGraceIsAWholeNumberOfSeconds() {
        assertThat(FlowgateConfig.fromEnvironment(Map.of("FLOWGATE_SHUTDOWN_GRACE_SECONDS", "0")).runtime().shutdownGrace()).isZero();
        assertThat(FlowgateConfig.fromEnvironment(Map.of("FLOWGATE_SHUTDOWN_GRACE_SECONDS", "45")).runtime().shutdownGrace()).hasSeconds(45);
    }

    @Test
    void rabbitMqAndPostgresqlAreUsedWhenBothAreSet() {
        FlowgateConfig config = FlowgateConfig.fromEnvironment(Map.of(
                "FLOWGATE_AMQP_URI", "amqp://guest:guest@127.0.0.1:5672/flowgate",
                "FLOWGATE_DB_URL", "jdbc:postgresql://127.0.0.1:5432/flowgate",
                "FLOWGATE_DB_USER", "flowgate",
                "FLOWGATE_ROLES", "worker, delivery"));

        assertThat(config.broker().embedded()).isFalse();
        assertThat(config.database().url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/flowgate");
        assertThat(config.roles()).containsExactlyInAnyOrder(FlowgateConfig.Role.WORKER, FlowgateConfig.Role.DELIVERY);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "FLOWGATE_HTTP_PORT | abc | FLOWGATE_HTTP_PORT must be a whole number from 0 to 65535, got 'abc'",
        "FLOWGATE_HTTP_PORT | 70000 | FLOWGATE_HTTP_PORT must be a whole number from 0 to 65535, got '70000'",
        "FLOWGATE_EMBEDDED_AMQP_PORT | 0 | FLOWGATE_EMBEDDED_AMQP_PORT must be a whole number from 1 to 65535, got '0'",
        "FLOWGATE_ROLES | cooking | FLOWGATE_ROLES must be 'all' or a comma list of ingress, api, worker, delivery; got 'cooking'",
        "FLOWGATE_MAX_BODY_BYTES | -1 | FLOWGATE_MAX_BODY_BYTES must be a positive number of bytes, got '-1'",
        "FLOWGATE_AMQP_QUEUE_TYPE | stream | FLOWGATE_AMQP_QUEUE_TYPE must be one of classic, quorum, got 'stream'",
        "FLOWGATE_SHUTDOWN_GRACE_SECONDS | -1 | FLOWGATE_SHUTDOWN_GRACE_SECONDS must be a whole number from 0 to 3600, got '-1'",
        "FLOWGATE_SHUTDOWN_GRACE_SECONDS | 10s | FLOWGATE_SHUTDOWN_GRACE_SECONDS must be a whole number from 0 to 3600, got '10s'",
        "FLOWGATE_DB_URL | postgres://x | FLOWGATE_DB_URL must be a JDBC URL such as jdbc:postgresql://host:5432/flowgate, got 'postgres://x'",
    })
    void aBadValueStopsTheStartWithOneLineNamingTheVariable(String variable, String value, String message) {
        assertThatThrownBy(() -> FlowgateConfig.fromEnvironment(Map.of(variable, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void theBrokerAndTheDatabaseAreExternalTogetherOrNotAtAll() {
        assertThatThrownBy(() -> FlowgateConfig.fromEnvironment(Map.of("FLOWGATE_AMQP_URI", "amqp://127.0.0.1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("FLOWGATE_AMQP_URI and FLOWGATE_DB_URL go together");
    }

    @Test
    void aConfigFileMayHoldTheSameKeysAndTheEnvironmentWins(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("flowgate.properties");
        Files.writeString(file, "FLOWGATE_HTTP_PORT=9090\nFLOWGATE_HTTP_HOST=127.0.0.1\n");

        FlowgateConfig config = FlowgateConfig.fromEnvironment(Map.of("FLOWGATE_CONFIG_FILE", file.toString(),
                "FLOWGATE_HTTP_HOST", "10.0.0.1"));

        assertThat(config.http().port()).isEqualTo(9090);
        assertThat(config.http().host()).isEqualTo("10.0.0.1");
    }
}
