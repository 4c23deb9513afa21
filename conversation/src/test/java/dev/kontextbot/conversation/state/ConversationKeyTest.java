package dev.kontextbot.conversation.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConversationKeyTest {

    @Test
    void groupsGiveEachUserTheirOwnConversationByDefault() {
        ConversationKeyPolicy policy = ConversationKeyPolicy.defaultPolicy();
        ConversationKey alice = policy.keyFor("telegram", "-100", Optional.empty(), "alice", false);
        ConversationKey bob = policy.keyFor("telegram", "-100", Optional.empty(), "bob", false);

        assertThat(alice.id()).isEqualTo("telegram:-100:u:alice");
        assertThat(alice.id()).isNotEqualTo(bob.id());
    }

    @Test
    void privateChatsAndSharedGroupsAreOneConversation() {
        assertThat(ConversationKeyPolicy.PER_USER_IN_GROUPS.keyFor("telegram", "42", Optional.empty(), "42", true).id())
                .isEqualTo("telegram:42");
        ConversationKeyPolicy shared = ConversationKeyPolicy.parse("shared");
        assertThat(shared.keyFor("discord", "c1", Optional.of("t9"), "alice", false).id())
                .isEqualTo(shared.keyFor("discord", "c1", Optional.of("t9"), "bob", false).id())
                .isEqualTo("discord:c1:t:t9");
    }

    @Test
    void idsAreSafeInsideAHashTagAndUnambiguous() {
        String id = new ConversationKey("web", "a}b{c:d", Optional.empty(), Optional.of("ü s")).id();
        assertThat(id).doesNotContain("{", "}", " ").isEqualTo("web:a%7Db%7Bc%3Ad:u:%C3%BC%20s");
        assertThat(new ConversationKey("x", "a:u:b", Optional.empty(), Optional.empty()).id())
                .isNotEqualTo(new ConversationKey("x", "a", Optional.empty(), Optional.of("b")).id());
    }

    @Test
    void badInputIsRefusedInPlainWords() {
        assertThatThrownBy(() -> ConversationKeyPolicy.parse("everyone")).hasMessageContaining("use per-user or shared");
        assertThatThrownBy(() -> ConversationKeyPolicy.PER_USER_IN_GROUPS.keyFor("t", "c", Optional.empty(), null, false))
                .hasMessage("A group conversation needs the user id");
        assertThatThrownBy(() -> new ConversationKey("t", " ", Optional.empty(), Optional.empty()))
                .hasMessage("A conversation key needs a chat id");
    }
}
