package io.flowgate.core;

import java.util.UUID;

/** Where new ids come from (a port, so tests can make them predictable). */
@FunctionalInterface
public interface IdGenerator {
    UUID next();
}
