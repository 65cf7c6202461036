package io.flowgate.core.flow;

/** A flow receives triggers only while it is active; new flows are inactive. */
public enum FlowStatus {
    ACTIVE, INACTIVE;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
