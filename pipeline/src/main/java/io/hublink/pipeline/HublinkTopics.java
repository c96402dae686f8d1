package io.hublink.pipeline;

/** The topic names, configurable as a whole; every record on them is keyed by {@code accountId}. */
public record HublinkTopics(String requests, String outcomes, String notifications, String dlq, String accounts,
                            int partitions) {

    public HublinkTopics {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions: must be at least 1, was " + partitions);
        }
    }

    public static HublinkTopics ofDefaults() {
        return new HublinkTopics("hublink.link-requests", "hublink.link-outcomes", "hublink.link-notifications",
                "hublink.link-requests.dlq", "hublink.link-accounts", 6);
    }

    /** Resolves the short names that {@code tail} takes. */
    public String byShortName(String name) {
        switch (name) {
            case "requests": return requests;
            case "outcomes": return outcomes;
            case "notifications": return notifications;
            case "dlq": return dlq;
            case "accounts": return accounts;
            default: throw new IllegalArgumentException(
                    "topic: must be one of requests, outcomes, notifications, dlq, accounts; was " + name);
        }
    }
}
