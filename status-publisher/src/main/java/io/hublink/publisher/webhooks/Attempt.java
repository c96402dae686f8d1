package io.hublink.publisher.webhooks;

/**
 * How one HTTP attempt ended: {@code 2xx}, {@code 3xx}, {@code 4xx}, {@code 5xx}, {@code timeout} (no answer within
 * the request timeout) or {@code io} (no connection, or it broke). Any 2xx is delivered; everything else is retried.
 */
record Attempt(String result, int status) {

    static Attempt answered(int status) {
        return new Attempt((status / 100) + "xx", status);
    }

    static Attempt timeout() {
        return new Attempt("timeout", 0);
    }

    static Attempt io() {
        return new Attempt("io", 0);
    }

    boolean delivered() {
        return status >= 200 && status < 300;
    }

    String describe() {
        return status > 0 ? "HTTP " + status : result.equals("timeout") ? "no answer in time" : "connection failed";
    }
}
