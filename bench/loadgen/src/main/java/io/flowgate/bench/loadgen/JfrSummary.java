package io.flowgate.bench.loadgen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a Flowgate node spent its CPU, from a JFR recording (bench/run --jfr): execution samples grouped by
 * the package of the top frame (self time), and by the first Flowgate frame on the stack (what Flowgate
 * code caused the work, the JDK and libraries below it included).
 */
final class JfrSummary {

    private JfrSummary() {
    }

    static void print(Path file, int top) throws IOException {
        Map<String, Integer> selfByPackage = new HashMap<>();
        Map<String, Integer> byFlowgateFrame = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            selfByPackage.merge(packageOf(frames.getFirst()), 1, Integer::sum);
            String flowgate = "(no Flowgate frame: broker, database or server threads)";
            for (RecordedFrame frame : frames) {
                String type = frame.getMethod().getType().getName();
                if (type.startsWith("io.flowgate.")) {
                    flowgate = type.substring("io.flowgate.".length()) + "." + frame.getMethod().getName();
                    break;
                }
            }
            byFlowgateFrame.merge(flowgate, 1, Integer::sum);
        }
        System.out.println("== " + file.getFileName() + ": " + samples + " CPU samples");
        System.out.println("-- self time by package of the top frame");
        printTop(selfByPackage, samples, top);
        System.out.println("-- by the first Flowgate frame on the stack (inclusive)");
        printTop(byFlowgateFrame, samples, top);
    }

    private static String packageOf(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        String[] parts = type.split("\\.");
        int keep = type.startsWith("io.flowgate.") ? 3 : Math.min(3, parts.length - 1);
        return String.join(".", java.util.Arrays.copyOf(parts, Math.max(1, keep)));
    }

    private static void printTop(Map<String, Integer> counts, int total, int top) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf("  %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, total), e.getKey()));
    }
}
