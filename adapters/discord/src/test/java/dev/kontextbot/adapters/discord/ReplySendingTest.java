package dev.kontextbot.adapters.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kontextbot.core.chat.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A reply sink's send: the rendered reply, or after a failure the incident message in its place. */
class ReplySendingTest {

    private static final String INCIDENT = "Something went wrong on my side \\(incident [2-9A-HJ-NP-Z]{6}\\)\\..*";

    private final ReplyRenderer renderer = new ReplyRenderer(new AttachmentEncoder(1 << 20), true);
    private final Incidents incidents = new Incidents();
    private final List<Outgoing> sent = new ArrayList<>();
    private final List<ReplyRole> roles = new ArrayList<>();

    @Test
    void theRenderedReplyIsSentAndItsMessageIdReturned() {
        Reply reply = new Reply.Text("hello");

        Optional<String> id = ReplySending.send(reply, renderer, incidents, "a test", (out, role, job) -> {
            sent.add(out);
            roles.add(role);
            return Optional.of("m1");
        });

        assertThat(id).contains("m1");
        assertThat(sent).containsExactly(renderer.render(reply));
        assertThat(roles).containsExactly(ReplyRole.of(reply));
    }

    @Test
    void aFailedSendIsAnsweredWithTheIncidentMessageInstead() {
        AtomicInteger attempts = new AtomicInteger();

        Optional<String> id = ReplySending.send(new Reply.Text("hello"), renderer, incidents, "a test",
                (out, role, job) -> {
                    if (attempts.getAndIncrement() == 0) {
                        throw new IllegalStateException("Discord refused the message");
                    }
                    sent.add(out);
                    roles.add(role);
                    return Optional.of("m2");
                });

        assertThat(id).isEmpty();
        assertThat(sent).singleElement().extracting(Outgoing::content).asString().matches(INCIDENT);
        assertThat(roles).containsExactly(ReplyRole.OTHER);
    }

    @Test
    void whenTheIncidentMessageFailsTooItsErrorIsKeptAsSuppressed() {
        List<RuntimeException> thrown = new ArrayList<>();

        Optional<String> id = ReplySending.send(new Reply.Text("hello"), renderer, incidents, "a test",
                (out, role, job) -> {
                    sent.add(out);
                    RuntimeException e = new IllegalStateException("attempt " + (thrown.size() + 1));
                    thrown.add(e);
                    throw e;
                });

        assertThat(id).isEmpty();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).content()).matches(INCIDENT);
        assertThat(thrown).hasSize(2);
        assertThat(thrown.get(0).getSuppressed()).containsExactly(thrown.get(1));
    }
}
