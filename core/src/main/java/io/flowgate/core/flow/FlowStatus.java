package io.flowgate.core.flow;

/** A flow receives triggers only while it is active; new flows are inactive. */
public enum FlowStatus {
    ACTIVE, INACTIVE;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static FlowStatus fromWire(String value) {
        for (FlowStatus status : values()) {
            if (status.wire().equals(value)) {
                return status;
            }
        }
        throw io.flowgate.core.FlowgateException.invalid("status must be active or inactive, got '" + value + "'");
    }
}
