package io.flowgate.core.flow;

import io.flowgate.core.FlowgateException;
import java.util.Locale;

public enum FlowType {
    ORDINARY, LONG_RUNNING;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FlowType fromWire(String value) {
        for (FlowType type : values()) {
            if (type.wire().equals(value)) {
                return type;
            }
        }
        throw FlowgateException.invalid("Flow type must be 'ordinary' or 'long_running', got '" + value + "'");
    }
}
