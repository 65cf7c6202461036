package io.flowgate.services;

import io.flowgate.core.FlowgateException;

/** The rule every name of the API follows: required, trimmed, at most 200 characters. */
public final class Names {

    public static final int MAX_LENGTH = 200;

    private Names() {
    }

    public static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw FlowgateException.invalid(field + " is required");
        }
        String name = value.strip();
        if (name.length() > MAX_LENGTH) {
            throw FlowgateException.invalid(field + " is longer than " + MAX_LENGTH + " characters");
        }
        return name;
    }
}
