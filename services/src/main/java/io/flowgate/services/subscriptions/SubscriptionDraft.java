package io.flowgate.services.subscriptions;

import java.util.List;

/**
 * What a create or update request says about a subscription; null fields were not given (an update
 * leaves them as they are).
 */
public record SubscriptionDraft(String url, List<String> channels, Boolean ordered, String status) {

    public boolean isEmpty() {
        return url == null && channels == null && ordered == null && status == null;
    }
}
