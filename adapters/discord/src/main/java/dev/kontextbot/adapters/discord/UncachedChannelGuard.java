package dev.kontextbot.adapters.discord;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.function.Consumer;
import org.javacord.api.DiscordApi;
import org.javacord.core.DiscordApiImpl;
import org.javacord.core.util.gateway.DiscordWebSocketAdapter;
import org.javacord.core.util.gateway.PacketHandler;
import org.javacord.core.util.handler.interaction.InteractionCreateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Javacord issue #1198 (open, unfixed in 3.8.0): an interaction from a channel type Javacord does not cache
 * (text-in-voice, stage, newer types) dies with an {@code AssertionError} inside {@code InteractionImpl.<init>},
 * before any listener runs, and the user sees "This interaction failed". This guard wraps Javacord's
 * INTERACTION_CREATE handler, catches that error and answers the interaction in plain words.
 */
final class UncachedChannelGuard {

    private static final Logger log = LoggerFactory.getLogger(UncachedChannelGuard.class);
    private static final String INTERACTION_CREATE = "INTERACTION_CREATE";

    private UncachedChannelGuard() {
    }

    /** Runs Javacord's handling of one INTERACTION_CREATE packet; answers it when Javacord dies on it. */
    static void handle(JsonNode packet, Consumer<JsonNode> javacord, UncachedChannelResponder responder) {
        try {
            javacord.accept(packet);
        } catch (AssertionError e) {
            String id = packet.path("id").asText("");
            String token = packet.path("token").asText("");
            log.warn("Javacord could not handle interaction {} in channel {} of type {} (issue #1198); answering it",
                    id, packet.path("channel_id").asText("?"), packet.path("channel").path("type").asText("?"));
            if (id.isEmpty() || token.isEmpty()) {
                return;
            }
            try {
                int status = responder.respond(id, token, InteractionFlow.UNSUPPORTED_CHANNEL);
                if (status / 100 != 2) {
                    log.warn("Discord answered {} to the unsupported-channel reply", status);
                }
            } catch (java.io.IOException ex) {
                log.warn("Could not answer an interaction from an unsupported channel: {}", ex.toString());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Replaces Javacord's INTERACTION_CREATE handler with the guarded one. Javacord has no hook for this, so it
     * goes through its private handler map; when that is not there (another Javacord), it logs and leaves it.
     */
    static boolean install(DiscordApi api, UncachedChannelResponder responder) {
        try {
            DiscordWebSocketAdapter socket = ((DiscordApiImpl) api).getWebSocketAdapter();
            Field field = DiscordWebSocketAdapter.class.getDeclaredField("handlers");
            field.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<String, PacketHandler> handlers = (Map<String, PacketHandler>) field.get(socket);
            handlers.put(INTERACTION_CREATE, new GuardedHandler(api, responder));
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Could not install the guard for Javacord issue #1198; interactions from unsupported channel "
                    + "types will fail silently: {}", e.toString());
            return false;
        }
    }

    private static final class GuardedHandler extends InteractionCreateHandler {
        private final UncachedChannelResponder responder;

        GuardedHandler(DiscordApi api, UncachedChannelResponder responder) {
            super(api);
            this.responder = responder;
        }

        @Override
        public void handle(JsonNode packet) {
            UncachedChannelGuard.handle(packet, super::handle, responder);
        }
    }
}
