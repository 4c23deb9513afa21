package dev.kontextbot.deploy.app;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;

/** The plain reason behind a failure to reach a server, for one-line messages. */
public final class Reasons {

    private Reasons() {
    }

    public static String plain(Throwable e) {
        // Jedis reports "Failed to connect to host:port." and keeps the socket's reason as a suppressed exception.
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof ConnectException || suppressed.getCause() instanceof ConnectException) {
                    return "connection refused";
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof ConnectException) {
            return "connection refused";
        }
        if (root instanceof UnknownHostException) {
            return "unknown host " + root.getMessage();
        }
        if (root instanceof HttpTimeoutException || root instanceof java.net.SocketTimeoutException) {
            return "no answer in time";
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
