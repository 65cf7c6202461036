package io.flowgate.bench.loadgen;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load generator's commands (bench/run calls them; see BENCHMARKS.md):
 * <ul>
 *   <li>{@code flowgate --base-url URL --token KEY --mode M --scenarios a,b --out DIR [--quick]}: the Flowgate scenarios;</li>
 *   <li>{@code http --system S --mode M --scenario X --variant V --url URL [--model open|closed] [--rate R]
 *       [--connections N] [--client raw|jdk] [--header "Name: value"] [--body-file F] --out DIR}: one run of one request;</li>
 *   <li>{@code wait --url URL [--seconds N] [--status 200] [--pid P] [--post]}: waits until a URL answers (GET, or POST of the webhook body), while process P lives;</li>
 *   <li>{@code jfr --file F.jfr [--top N]}: where a node spent its CPU (samples by package and by Flowgate frame);</li>
 *   <li>{@code report --dir DIR}: results.json, summary.md and the PNG charts of a run.</li>
 * </ul>
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] argv) throws Exception {
        System.setProperty("java.awt.headless", "true");
        // The JDK client keeps an idle connection for 30 s, as long as the server does (FLOWGATE_HTTP_READ_TIMEOUT_SECONDS):
        // a connection the server is closing could be reused and fail with "received no bytes". Let it go well before.
        System.setProperty("jdk.httpclient.keepalive.timeout", "10");
        if (argv.length == 0) {
            System.err.println("usage: loadgen flowgate|http|wait|report [--options]");
            System.exit(2);
        }
        Args args = new Args(Arrays.asList(argv).subList(1, argv.length));
        switch (argv[0]) {
            case "flowgate" -> new FlowgateScenarios(args).run(List.of(args.text("scenarios", "ingest,e2e,sync,fanout,sse").split(",")));
            case "http" -> http(args);
            case "jfr" -> JfrSummary.print(Path.of(args.required("file")), args.integer("top", 25));
            case "body" -> System.out.print(HttpSpec.WEBHOOK_BODY);
            case "wait" -> System.exit(waitFor(args) ? 0 : 1);
            case "report" -> new Report(Path.of(args.required("dir"))).write();
            default -> {
                System.err.println("unknown command " + argv[0]);
                System.exit(2);
            }
        }
        System.exit(0);
    }

    private static void http(Args args) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        String header = args.text("header", null);
        if (header != null) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
        }
        String body = args.text("body-file", null) == null ? HttpSpec.WEBHOOK_BODY : Files.readString(Path.of(args.text("body-file", null)));
        HttpSpec spec = HttpSpec.postJson(args.required("url"), body, headers);
        LoadSpec.Timing timing = LoadSpec.Timing.of(args);
        int connections = args.integer("connections", 64);
        LoadSpec load = args.text("model", "closed").equals("open")
                ? LoadSpec.open(args.number("rate", 1000), connections, timing) : LoadSpec.closed(connections, timing);
        String system = args.required("system");
        System.out.println(system + ": " + args.required("scenario") + " " + args.required("variant") + " (" + load.describe() + ")");
        try (Transport transport = Transport.of(args.text("client", "raw"), spec)) {
            LoadRun.Outcome outcome = LoadRun.run(transport, load, LoadRun.Listener.NONE);
            var result = Results.of(system, args.text("mode", "default"), args.required("scenario"), args.required("variant"),
                    outcome, args.text("latency-basis", load.model() == LoadSpec.Model.OPEN
                            ? "intended send time -> answer received" : "send -> answer received (service time)"));
            if (args.text("notes", null) != null) {
                result.put("notes", args.text("notes", null));
            }
            Results.write(Path.of(args.required("out")), result);
        }
    }

    private static boolean waitFor(Args args) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(args.integer("seconds", 120)).toNanos();
        int want = args.integer("status", 200);
        String last = "no answer";
        String pid = args.text("pid", null);
        while (System.nanoTime() < deadline) {
            if (pid != null && !ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false)) {
                System.err.println("wait: process " + pid + " has exited");
                return false;
            }
            try {
                HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(args.required("url"))).timeout(Duration.ofSeconds(5));
                HttpRequest request = args.flag("post")
                        ? builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(HttpSpec.WEBHOOK_BODY)).build()
                        : builder.GET().build();
                int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == want) {
                    return true;
                }
                last = "status " + status;
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            Thread.sleep(50);
        }
        System.err.println("wait: " + args.required("url") + " did not answer " + want + " in time (last: " + last + ")");
        return false;
    }
}
