package io.flowgate.core.flow;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.WireWord;

/** A flow receives triggers only while it is active; new flows are inactive. */
public enum FlowStatus implements WireWord {
    ACTIVE, INACTIVE;

    public static FlowStatus fromWire(String value) {
        return WireWord.parse(FlowStatus.class, value)
                .orElseThrow(() -> FlowgateException.invalid("status must be active or inactive, got '" + value + "'"));
    }
}
