package io.flowgate.core.port;

import io.flowgate.core.FlowgateException;
import java.util.List;

/** A page request: 1-based number and size, as the API's {@code page[number]} and {@code page[size]}. */
public record Page(int number, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 1000;

    public Page {
        if (number < 1) {
            throw FlowgateException.invalid("page[number] must be 1 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw FlowgateException.invalid("page[size] must be between 1 and " + MAX_SIZE);
        }
    }

    public static Page first() {
        return new Page(1, DEFAULT_SIZE);
    }

    public int offset() {
        return (number - 1) * size;
    }

    /** One page of results and the total count of all pages. */
    public record Result<T>(List<T> items, long total, Page page) {
        public boolean hasNext() {
            return (long) page.number() * page.size() < total;
        }
    }
}
