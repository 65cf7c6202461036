package io.flowgate.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.ShutdownSignalException;
import io.flowgate.core.FlowgateException;

/**
 * Turns the broker's refusals into the platform's error kinds, in one place: what the broker says does not
 * exist (reply code 404 on a channel) is NOT_FOUND; everything else is UNAVAILABLE.
 */
final class AmqpErrors {

    private AmqpErrors() {
    }

    static FlowgateException translate(String what, Throwable failure) {
        ShutdownSignalException signal = signalOf(failure);
        if (signal != null && !signal.isHardError() && signal.getReason() instanceof AMQP.Channel.Close close
                && close.getReplyCode() == AMQP.NOT_FOUND) {
            return FlowgateException.notFound("Cannot " + what + ": " + close.getReplyText());
        }
        return FlowgateException.unavailable("Cannot " + what + ": " + failure.getMessage(), failure);
    }

    static boolean isNotFound(FlowgateException e) {
        return e.kind() == FlowgateException.Kind.NOT_FOUND;
    }

    /** The broker's close of a channel or connection behind the failure; null when it was something else. */
    private static ShutdownSignalException signalOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ShutdownSignalException signal && !(cause instanceof AlreadyClosedException)) {
                return signal;
            }
        }
        return null;
    }
}
