package dev.kontextbot.core.answer;

import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.core.agent.TurnAgent;
import dev.kontextbot.core.chat.Attachment;
import dev.kontextbot.core.chat.ChatEvent;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReplySink;
import dev.kontextbot.core.image.FetchOnceAttachment;
import dev.kontextbot.core.image.ImageIntake;
import dev.kontextbot.core.safety.PlaceCommand;
import dev.kontextbot.core.safety.Screening;
import dev.kontextbot.core.turn.TurnContext;
import dev.kontextbot.core.turn.TurnException;
import dev.kontextbot.core.words.StateWords;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers one message: the place command, the screening of words (and of pictures before a vision model sees
 * them), then the agent with the tools, built once for all turns, bound to this turn through its parameters.
 */
public final class MessageTurns {

    private final ConversationStore store;
    private final Screening screening;
    private final PlaceCommand placeCommand;
    private final ImageIntake intake;
    private final TurnAgent agent;
    private final List<Object> tools;
    private final VisionPictures vision;
    private final boolean visionOn;
    private final StateWords words;
    private final Set<String> toldAboutFallback = ConcurrentHashMap.newKeySet();

    /** {@code visionOn}: the language model looks at pictures, so they are screened before it sees them. */
    public MessageTurns(ConversationStore store, Screening screening, PlaceCommand placeCommand, ImageIntake intake,
                        TurnAgent agent, List<Object> tools, VisionPictures vision, boolean visionOn,
                        StateWords words) {
        this.words = words;
        this.store = store;
        this.screening = screening;
        this.placeCommand = placeCommand;
        this.intake = intake;
        this.agent = agent;
        this.tools = List.copyOf(tools);
        this.vision = vision;
        this.visionOn = visionOn;
    }

    public void answer(String conv, ChatEvent original, ReplySink sink) {
        if (original.text().isBlank() && original.attachments().isEmpty()) {
            return;
        }
        // Fetched once: a vision model looks at the pictures, and the tools store them.
        ChatEvent event = original.attachments().isEmpty() ? original : new ChatEvent(original.origin(),
                original.messageId(), original.text(),
                original.attachments().stream().<Attachment>map(FetchOnceAttachment::new).toList(),
                original.replyToMessageId(), original.interaction());
        TurnContext ctx = new TurnContext(event.origin(), Optional.of(event), conv, sink, store, event.interaction(),
                words);
        screening.admit(event.origin());
        Optional<String> policy = placeCommand.handle(event.origin(), event.text());
        if (policy.isPresent()) {
            ctx.send(new Reply.Text(policy.get()));
            return;
        }
        screening.checkText(event.origin(), conv, event.text());
        if (visionOn && screening.screensPictures() && !event.attachments().isEmpty()) {
            screenBeforeTheModelSees(event, conv);
        }
        Optional<Version> head = store.head(conv);
        String situation = head.map(v -> "The conversation's current picture is " + v.label() + " ("
                        + v.width() + "x" + v.height() + ")" + (v.instructionSent().isBlank() ? "."
                        : ", made with: " + v.instructionSent()))
                .orElse("The conversation has no picture yet.");
        List<byte[]> pictures = visionOn ? vision.forTurn(conv, ctx.userId(), event.attachments(), head) : List.of();
        TurnAgent.Outcome outcome = agent.run(conv, event.text(), event.attachments().size(), pictures, situation,
                tools, ctx);
        if (outcome.fellBack() && toldAboutFallback.add(conv)) {
            ctx.send(new Reply.Text("The language model is not reachable right now, so I used my built-in rules."));
        }
        boolean echoOfTool = outcome.ruleMode() || outcome.fellBack();
        if (!outcome.text().isBlank() && !(echoOfTool && ctx.sentMoreThanText())) {
            ctx.send(new Reply.Text(outcome.text()));
        }
        if (ctx.forgotten()) {
            sink.conversationForgotten();
        }
    }

    /** A vision model would see the pictures before any tool stores them: screen them first. */
    private void screenBeforeTheModelSees(ChatEvent event, String conv) {
        List<BufferedImage> parts;
        try {
            parts = intake.read(event.attachments()).parts();
        } catch (TurnException e) {
            return; // unreadable or too large: the tools tell the user, and nothing unreadable is stored
        }
        screening.checkUploads(event.origin(), conv, event.text(), parts);
    }
}
