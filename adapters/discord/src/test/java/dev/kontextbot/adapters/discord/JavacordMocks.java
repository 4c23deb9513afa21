package dev.kontextbot.adapters.discord;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.javacord.api.entity.channel.TextChannel;
import org.javacord.api.entity.message.Message;
import org.javacord.api.entity.message.MessageFlag;
import org.javacord.api.entity.message.component.ActionRow;
import org.javacord.api.entity.message.component.Button;
import org.javacord.api.entity.message.component.HighLevelComponent;
import org.javacord.api.entity.message.component.LowLevelComponent;
import org.javacord.api.entity.permission.Role;
import org.javacord.api.entity.server.Server;
import org.javacord.api.entity.user.User;
import org.javacord.api.interaction.InteractionBase;
import org.javacord.api.interaction.callback.InteractionFollowupMessageBuilder;
import org.javacord.api.interaction.callback.InteractionImmediateResponseBuilder;
import org.javacord.api.interaction.callback.InteractionOriginalResponseUpdater;
import org.mockito.invocation.InvocationOnMock;

/**
 * Mockito mocks of Javacord's interfaces that record what the adapter puts on them. Builders answer themselves
 * (as Javacord's do); sending records a {@link Sent} and completes with a message that has a fresh id.
 */
final class JavacordMocks {

    static final long GUILD = 100;
    static final long CHANNEL = 200;
    static final long USER = 300;
    static final long SELF = 999;

    private final SentLog log;
    /** Discord keeps one message id for an interaction's original response through all its edits. */
    private final java.util.Map<String, Long> originalIds = new java.util.concurrent.ConcurrentHashMap<>();

    JavacordMocks(SentLog log) {
        this.log = log;
    }

    /** Records builder calls; {@code sendMethods} complete the message. */
    private final class Recorder {
        final String where;
        String content = "";
        final List<String> files = new ArrayList<>();
        final List<byte[]> bytes = new ArrayList<>();
        final List<String> buttons = new ArrayList<>();
        boolean ephemeral;

        Recorder(String where) {
            this.where = where;
        }

        Object answer(InvocationOnMock call, Object self) {
            String name = call.getMethod().getName();
            Object[] args = call.getArguments();
            switch (name) {
                case "setContent" -> content = (String) args[0];
                case "addAttachment" -> {
                    if (args[0] instanceof byte[] data) {
                        bytes.add(data);
                        // Without a description Javacord sends no attachment list, and Discord keeps old files.
                        files.add(args.length == 3 && args[2] != null ? (String) args[1] : args[1] + " (no description)");
                    }
                }
                case "addComponents" -> {
                    for (Object arg : args) {
                        for (Object component : arg instanceof Object[] array ? array : new Object[] {arg}) {
                            buttons.addAll(buttonIds((HighLevelComponent) component));
                        }
                    }
                }
                case "setFlags" -> {
                    // Mockito expands varargs: flags arrive one by one (or as an EnumSet).
                    for (Object arg : args) {
                        ephemeral |= arg == MessageFlag.EPHEMERAL
                                || arg instanceof java.util.Collection<?> set && set.contains(MessageFlag.EPHEMERAL);
                    }
                }
                case "send", "update", "respond" -> {
                    String target = name.equals("update") && args.length == 1 ? where + "-edit:" + args[0] : where;
                    long id = name.equals("update") && args.length == 1 ? Long.parseLong(args[0].toString())
                            : where.startsWith("original:") ? originalIds.computeIfAbsent(where, w -> log.nextMessageId())
                            : log.nextMessageId();
                    log.add(new Sent(target, content, List.copyOf(files), List.copyOf(bytes), List.copyOf(buttons),
                            ephemeral, Optional.empty(), List.of(), id));
                    return name.equals("respond")
                            ? CompletableFuture.completedFuture(null) : CompletableFuture.completedFuture(message(id));
                }
                default -> { }
            }
            return call.getMethod().getReturnType().isInstance(self) ? self : null;
        }
    }

    static List<String> buttonIds(HighLevelComponent component) {
        List<String> ids = new ArrayList<>();
        if (component instanceof ActionRow row) {
            for (LowLevelComponent low : row.getComponents()) {
                if (low instanceof Button button) {
                    ids.add(button.getCustomId().orElse("?"));
                }
            }
        }
        return ids;
    }

    private <T> T recording(Class<T> type, String where) {
        Recorder recorder = new Recorder(where);
        Object[] self = new Object[1];
        T mock = mock(type, call -> recorder.answer(call, self[0]));
        self[0] = mock;
        return mock;
    }

    /** A fresh updater of the original response per edit, as {@link InteractionMessages#JAVACORD} makes them. */
    InteractionMessages.OriginalResponses originals() {
        return interaction -> recording(InteractionOriginalResponseUpdater.class, "original:" + interaction.getToken());
    }

    static Message message(long id) {
        Message message = mock(Message.class);
        when(message.getId()).thenReturn(id);
        return message;
    }

    User user(long id, String name) {
        User user = mock(User.class);
        when(user.getId()).thenReturn(id);
        when(user.getName()).thenReturn(name);
        when(user.getDisplayName(org.mockito.ArgumentMatchers.any())).thenReturn(name);
        when(user.getRoles(org.mockito.ArgumentMatchers.any())).thenReturn(List.of());
        return user;
    }

    static Role role(long id) {
        Role role = mock(Role.class);
        when(role.getId()).thenReturn(id);
        return role;
    }

    static Server server(long id) {
        Server server = mock(Server.class);
        when(server.getId()).thenReturn(id);
        return server;
    }

    static TextChannel channel(long id) {
        TextChannel channel = mock(TextChannel.class);
        when(channel.getId()).thenReturn(id);
        when(channel.asServerThreadChannel()).thenReturn(Optional.empty());
        return channel;
    }

    /** Stubs what every interaction needs: token, channel, guild, user, deferral, follow-ups, immediate answers. */
    <T extends InteractionBase> T interaction(Class<T> type, String token, Optional<Server> server,
                                              Optional<TextChannel> channel, User user) {
        T interaction = mock(type);
        when(interaction.getToken()).thenReturn(token);
        when(interaction.getChannel()).thenReturn(channel);
        when(interaction.getServer()).thenReturn(server);
        when(interaction.getUser()).thenReturn(user);
        when(interaction.respondLater()).thenAnswer(call -> CompletableFuture.completedFuture(
                recording(InteractionOriginalResponseUpdater.class, "deferred")));
        when(interaction.createFollowupMessageBuilder()).thenAnswer(call ->
                recording(InteractionFollowupMessageBuilder.class, "followup:" + token));
        when(interaction.createImmediateResponder()).thenAnswer(call ->
                recording(InteractionImmediateResponseBuilder.class, "immediate:" + token));
        return interaction;
    }
}
