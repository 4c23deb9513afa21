package dev.kontextbot.core.delivery;

import dev.kontextbot.conversation.jobs.DeliveryTarget;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This front-end process among the others on the same Redis: its name, and the platforms whose users only it can
 * reach (see {@link dev.kontextbot.core.chat.ChatPlatform#repliesNeedThisProcess()}). Jobs it queues carry its name,
 * so only it shows their progress, and the results of such platforms come back to it.
 */
public final class FrontEnd {

    private final String name;
    private final Set<String> connectionBound = ConcurrentHashMap.newKeySet();

    public FrontEnd(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    void holdsConnectionsOf(String platform) {
        connectionBound.add(platform);
    }

    boolean holdsConnectionsOf(DeliveryTarget target) {
        return connectionBound.contains(target.platform());
    }

    /** The target as queued by this process. */
    public DeliveryTarget stamp(DeliveryTarget target) {
        return target.from(name, holdsConnectionsOf(target));
    }
}
