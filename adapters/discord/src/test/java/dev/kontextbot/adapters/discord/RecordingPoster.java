package dev.kontextbot.adapters.discord;

import java.util.List;
import java.util.Optional;
import org.javacord.api.entity.channel.TextChannel;
import org.javacord.api.entity.message.Message;

/** The channel side of the Javacord boundary, recorded: what Javacord's MessageBuilder would have sent. */
final class RecordingPoster implements ChannelPoster {

    private final SentLog log;
    final java.util.List<Long> deleted = new java.util.concurrent.CopyOnWriteArrayList<>();

    RecordingPoster(SentLog log) {
        this.log = log;
    }

    @Override
    public Message post(TextChannel channel, Outgoing out, Optional<Long> replyTo, Optional<Long> mention) {
        long id = log.nextMessageId();
        log.add(sent("channel", out, replyTo, mention.map(List::of).orElse(List.of()), id));
        return JavacordMocks.message(id);
    }

    @Override
    public Message edit(Message message, Outgoing out) {
        log.add(sent("channel-edit:" + message.getId(), out, Optional.empty(), List.of(), message.getId()));
        return message;
    }

    @Override
    public void delete(Message message) {
        deleted.add(message.getId());
        log.add(new Sent("channel-delete:" + message.getId(), "", List.of(), List.of(), List.of(), false,
                Optional.empty(), List.of(), message.getId()));
    }

    private static Sent sent(String where, Outgoing out, Optional<Long> replyTo, List<Long> mentions, long id) {
        return new Sent(where, out.content(), out.file().map(f -> List.of(f.fileName())).orElse(List.of()),
                out.file().map(f -> List.of(f.bytes())).orElse(List.of()),
                out.buttons().stream().map(b -> b.key()).toList(), out.ephemeral(), replyTo, mentions, id);
    }
}
