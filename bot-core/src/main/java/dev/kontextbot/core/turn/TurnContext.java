package dev.kontextbot.core.turn;

import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.MessageRef;
import dev.kontextbot.core.chat.ChatEvent;
import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.Interaction;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReplySink;
import dev.langchain4j.invocation.InvocationParameters;
import dev.kontextbot.core.words.StateWords;
import java.util.Optional;

/**
 * One turn: who speaks, in which conversation, the message (absent for a button press), and where replies go.
 * Every image reply is recorded in the message index, so a reply to it later edits from that version.
 */
public final class TurnContext {

    /** The key of the turn in the parameters LangChain4j hands to every tool call of the turn. */
    private static final String PARAMETER = "kontextbot.turn";

    private final ChatOrigin origin;
    private final Optional<ChatEvent> event;
    private final String conversation;
    private final ReplySink sink;
    private final ConversationStore store;
    private final Optional<Interaction> interaction;
    private final String turnId = java.util.UUID.randomUUID().toString();
    private boolean answered;
    private boolean forgotten;
    /** The language of this turn's replies about the state (the runtime's, read once at start). */
    private final StateWords words;

    public TurnContext(ChatOrigin origin, Optional<ChatEvent> event, String conversation, ReplySink sink,
                       ConversationStore store, Optional<Interaction> interaction, StateWords words) {
        this.words = words;
        this.origin = origin;
        this.event = event;
        this.conversation = conversation;
        this.sink = sink;
        this.store = store;
        this.interaction = interaction;
    }

    public ChatOrigin origin() {
        return origin;
    }

    public Optional<ChatEvent> event() {
        return event;
    }

    public String conversation() {
        return conversation;
    }

    public String userId() {
        return origin.user().id();
    }

    public boolean admin() {
        return origin.user().admin();
    }

    /** Unique to this turn (a request that must be confirmed in a later turn tells them apart). */
    public String turnId() {
        return turnId;
    }

    /** The words for what the state reports (refusals, queue answers) in this turn's language. */
    public StateWords words() {
        return words;
    }

    public Optional<Interaction> interaction() {
        return interaction;
    }

    /** Sends a reply now; image replies are indexed by the message that shows them. */
    public void send(Reply reply) {
        if (!(reply instanceof Reply.Text text) || !text.actions().isEmpty()) {
            answered = true;
        }
        Optional<String> messageId = sink.send(reply);
        if (reply instanceof Reply.Image image && messageId.isPresent()) {
            store.recordMessage(new MessageRef(origin.platform(), origin.chatId(), messageId.get()), conversation,
                    image.versionId());
        }
    }

    /** Marks that this turn deleted everything the conversation stored, its agent memory included. */
    public void markForgotten() {
        forgotten = true;
    }

    public boolean forgotten() {
        return forgotten;
    }

    /** True once something other than plain text was sent (an image, a queued notice, an error, a question). */
    public boolean sentMoreThanText() {
        return answered;
    }

    /** The parameters of this turn's agent call: the tools, built once, find the turn in them. */
    public InvocationParameters asParameters() {
        return InvocationParameters.from(PARAMETER, this);
    }

    /** The turn a tool was called for. */
    public static TurnContext of(InvocationParameters parameters) {
        TurnContext ctx = parameters == null ? null : parameters.get(PARAMETER);
        if (ctx == null) {
            throw new IllegalStateException("A tool was called outside a turn");
        }
        return ctx;
    }
}
