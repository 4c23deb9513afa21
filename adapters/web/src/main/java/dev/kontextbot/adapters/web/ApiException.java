package dev.kontextbot.adapters.web;

/** A request the API refuses: an HTTP status, a stable code for clients and tests, and plain words for people. */
final class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    ApiException(int status, String code, String plainMessage) {
        super(plainMessage);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    static ApiException badRequest(String code, String plainMessage) {
        return new ApiException(400, code, plainMessage);
    }

    static ApiException notFound(String plainMessage) {
        return new ApiException(404, "not_found", plainMessage);
    }
}
