package dev.kontextbot.adapters.discord.jda;

import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InteractionExpiredException;
import net.dv8tion.jda.api.requests.ErrorResponse;

/** What Discord's and JDA's refusals mean for a reply: the token is gone, or the upload was too large. */
final class TokenErrors {

    private static final int PAYLOAD_TOO_LARGE = 413;

    private TokenErrors() {
    }

    /**
     * JDA refuses a webhook call 15 minutes after the interaction by itself ({@link InteractionExpiredException});
     * Discord answers 50027 (Invalid Webhook Token), or 10015 when the webhook went with it.
     */
    static boolean tokenGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InteractionExpiredException) {
                return true;
            }
            if (t instanceof ErrorResponseException r && (r.getErrorResponse() == ErrorResponse.INVALID_WEBHOOK_TOKEN
                    || r.getErrorResponse() == ErrorResponse.UNKNOWN_WEBHOOK)) {
                return true;
            }
        }
        return false;
    }

    /** Discord's 413, or its error 40005 (Request entity too large). */
    static boolean tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ErrorResponseException r && (r.getErrorResponse() == ErrorResponse.REQUEST_ENTITY_TOO_LARGE
                    || (r.getResponse() != null && r.getResponse().code == PAYLOAD_TOO_LARGE))) {
                return true;
            }
        }
        return false;
    }
}
