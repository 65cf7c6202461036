package io.flowgate.core.flow;

import io.flowgate.core.WireWord;
import io.flowgate.core.FlowgateException;

public enum FlowType implements WireWord {
    ORDINARY, LONG_RUNNING;

    public static FlowType fromWire(String value) {
        return WireWord.parse(FlowType.class, value)
                .orElseThrow(() -> FlowgateException.invalid("Flow type must be 'ordinary' or 'long_running', got '" + value + "'"));
    }
}
