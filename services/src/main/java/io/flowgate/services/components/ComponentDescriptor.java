package io.flowgate.services.components;

/** What a workspace sends to register a component: its id, the jar on the component path, a description. */
public record ComponentDescriptor(String componentId, String jar, String description) {
}
