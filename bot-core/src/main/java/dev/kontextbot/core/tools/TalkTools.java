package dev.kontextbot.core.tools;

import dev.kontextbot.conversation.state.ConversationSettings;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.core.chat.ChatEvent;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.rules.AnswerTopic;
import dev.kontextbot.core.rules.Answers;
import dev.kontextbot.core.rules.PendingEdit;
import dev.kontextbot.core.reply.ActionKeys;
import dev.kontextbot.core.edit.EditOverrides;
import dev.kontextbot.core.edit.EditService;
import dev.kontextbot.core.turn.TurnContext;
import dev.kontextbot.core.reply.VersionReplies;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationParameters;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Talk that queues nothing: answers to questions, small talk and introductions of a picture, and the one short
 * question asked when it is unclear whether words are an edit. A picture sent with such a message is kept as the
 * current picture, so nothing is lost and the next message can edit it.
 */
public final class TalkTools {

    private final EditService edits;
    private final ConversationStore store;
    private final VersionReplies replies;
    private final Answers answers;
    private final BotFacts facts;

    public TalkTools(EditService edits, ConversationStore store, VersionReplies replies,
                     Answers answers, BotFacts facts) {
        this.edits = edits;
        this.store = store;
        this.replies = replies;
        this.answers = answers;
        this.facts = facts;
    }

    @Tool(name = "answer", value = "Answer without editing: a question about the bot (capabilities, settings, duration, "
            + "model, license, creator, privacy) or the picture, a greeting, thanks, praise, goodbye, or a picture "
            + "being introduced (\"here is my cat\"). Returns the facts for that topic. Keeps a picture sent with "
            + "the message.")
    public String answer(@P("one of: capabilities, settings, duration, model, license, creator, picture, privacy, "
            + "other, greeting, thanks, praise, farewell, introduction, declined, acknowledged") String topic,
            InvocationParameters turn) {
        return ToolGuard.run(turn, ctx -> {
            AnswerTopic about = AnswerTopic.of(topic).orElse(AnswerTopic.OTHER);
            String text = answers.text(about, values(ctx));
            if (facts.standIn() && (about == AnswerTopic.MODEL || about == AnswerTopic.CAPABILITIES)) {
                text = text + " " + answers.extra("stand_in", Map.of());
            }
            return said(ctx, text);
        });
    }

    @Tool(name = "ask_before_editing", value = "When it is unclear whether the words are an edit (a bare noun phrase "
            + "such as \"a red car\", a question that could be a request): ask one short yes/no question instead of "
            + "editing. With no picture in the conversation, the words describe a new picture, which is created at "
            + "once.")
    public String askBeforeEditing(@P("the instruction that would be sent, e.g. a red car") String instruction,
                                   @P(value = "denoising steps, 1-100", required = false) Integer steps,
                                   @P(value = "guidance scale", required = false) Double guidance,
                                   @P(value = "seed", required = false) Long seed,
            InvocationParameters turn) {
        return ToolGuard.run(turn, ctx -> {
            if (!hasPicture(ctx)) {
                edits.generate(ctx, instruction, EditOverrides.of(steps, guidance, seed, null));
                return "There was no picture yet, so I am creating one from the description.";
            }
            String question = PendingEdit.question(instruction.strip());
            keepSentPicture(ctx);
            ctx.send(new Reply.Text(question, ActionKeys.forQuestion()));
            return question;
        });
    }

    /**
     * Keeps a picture sent with the message and shows it; the text then goes out here (an image reply stops the
     * turn's own echo of the tool's result), otherwise the turn sends the returned text once.
     */
    private String said(TurnContext ctx, String text) {
        if (keepSentPicture(ctx)) {
            ctx.send(new Reply.Text(text));
        }
        return text;
    }

    private boolean keepSentPicture(TurnContext ctx) {
        Optional<ChatEvent> event = ctx.event();
        if (event.isEmpty() || event.get().attachments().isEmpty()) {
            return false;
        }
        Version kept = edits.remember(ctx);
        ctx.send(replies.show(ctx.conversation(), ctx.userId(), kept, Optional.empty()));
        return true;
    }

    private boolean hasPicture(TurnContext ctx) {
        Optional<ChatEvent> event = ctx.event();
        return event.isPresent() && (!event.get().attachments().isEmpty() || event.get().replyToMessageId().isPresent())
                || store.head(ctx.conversation()).isPresent();
    }

    private Map<String, String> values(TurnContext ctx) {
        ConversationSettings settings = store.settings(ctx.conversation());
        return Map.of(
                "model", facts.modelName(),
                "license", facts.license(),
                "settings", facts.family().describe(settings),
                "steps", Integer.toString(settings.steps()),
                "duration", words(facts.averageEdit().get()));
    }

    private static String words(Duration d) {
        long seconds = Math.max(1, Math.round(d.toMillis() / 1000.0));
        return seconds < 90 ? seconds + (seconds == 1 ? " second" : " seconds") : ((seconds + 59) / 60) + " minutes";
    }
}
