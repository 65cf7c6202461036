package io.flowgate.delivery;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads the first {@link #LIMIT} bytes of an answer body as text and then stops: the rest is never
 * buffered, however large or slow it is.
 */
final class ResponseSnippet implements HttpResponse.BodySubscriber<String> {

    static final int LIMIT = 1024;

    private final byte[] bytes = new byte[LIMIT];
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private int length;
    private Flow.Subscription subscription;

    @Override
    public CompletionStage<String> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            int take = Math.min(buffer.remaining(), LIMIT - length);
            buffer.get(bytes, length, take);
            length += take;
        }
        if (length >= LIMIT) {
            subscription.cancel();
            complete();
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onError(Throwable error) {
        if (length > 0) {
            complete();
        } else {
            result.completeExceptionally(error);
        }
    }

    @Override
    public void onComplete() {
        complete();
    }

    private void complete() {
        result.complete(new String(bytes, 0, length, StandardCharsets.UTF_8));
    }
}
