package io.flowgate.core.flow;

/** A message flows from the step {@code source} to the step {@code target}. */
public record FlowEdge(String source, String target) {
}
