package io.flowgate.runtime.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.flowgate.core.FlowgateException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A cron expression, in UTC: five fields as in Unix cron (e.g. {@code *}{@code /5 * * * *}, every five
 * minutes), or six with seconds first (e.g. {@code *}{@code /10 * * * * *}, every ten seconds).
 */
public final class CronSchedule {

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser WITH_SECONDS = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING));

    private final String expression;
    private final ExecutionTime times;

    private CronSchedule(String expression, ExecutionTime times) {
        this.expression = expression;
        this.times = times;
    }

    /** Parses the expression; an invalid one is an UNPROCESSABLE problem at {@code pointer}. */
    public static CronSchedule parse(String expression, String pointer) {
        if (expression == null || expression.isBlank()) {
            throw FlowgateException.unprocessable("Invalid schedule",
                    List.of(FlowgateException.Problem.at(pointer, "a cron expression is required, e.g. */5 * * * *")));
        }
        try {
            String trimmed = expression.trim();
            CronParser parser = trimmed.split("\\s+").length == 6 ? WITH_SECONDS : UNIX;
            return new CronSchedule(trimmed, ExecutionTime.forCron(parser.parse(trimmed)));
        } catch (IllegalArgumentException e) {
            throw FlowgateException.unprocessable("Invalid schedule",
                    List.of(FlowgateException.Problem.at(pointer, "not a cron expression (5 fields, or 6 with seconds): " + e.getMessage())));
        }
    }

    /** The first fire time strictly after {@code after}. */
    public Instant nextAfter(Instant after) {
        return times.nextExecution(ZonedDateTime.ofInstant(after, ZoneOffset.UTC))
                .map(ZonedDateTime::toInstant)
                .orElseThrow(() -> new IllegalStateException("cron " + expression + " never fires again"));
    }

    public String expression() {
        return expression;
    }
}
