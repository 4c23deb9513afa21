package dev.kontextbot.core.edit;

import dev.kontextbot.conversation.jobs.ConversationJobs;
import dev.kontextbot.conversation.jobs.DeliveryTarget;
import dev.kontextbot.conversation.jobs.EditRecipe;
import dev.kontextbot.conversation.jobs.EditStep;
import dev.kontextbot.conversation.jobs.JobKind;
import dev.kontextbot.conversation.jobs.JobQueue;
import dev.kontextbot.conversation.jobs.JobSpec;
import dev.kontextbot.conversation.jobs.OutputSize;
import dev.kontextbot.conversation.jobs.Requester;
import dev.kontextbot.conversation.jobs.Sampling;
import dev.kontextbot.conversation.jobs.SubmitResult;
import dev.kontextbot.conversation.state.ConversationSettings;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.Reference;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.core.chat.ChatEvent;
import dev.kontextbot.core.chat.Interaction;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.delivery.FrontEnd;
import dev.kontextbot.core.region.KeepUntouched;
import dev.kontextbot.core.region.RegionSpec;
import dev.kontextbot.core.safety.Screening;
import dev.kontextbot.core.turn.TurnContext;
import dev.kontextbot.core.turn.TurnException;
import dev.kontextbot.prompts.CombinedInstruction;
import dev.kontextbot.prompts.InvalidInstructionException;
import dev.kontextbot.prompts.KontextPromptRules;
import dev.kontextbot.prompts.PreparedInstruction;
import dev.kontextbot.prompts.TooManyEditsException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Submits an {@link EditOrder}: screens an instruction the agent wrote, applies the Kontext prompt rules (a compound
 * request becomes one step per part), the conversation's settings and the message's overrides, builds the job's
 * recipe once and queues it, telling the user where it stands.
 */
public final class EditSubmitter {

    private static final String EMPTY = "Tell me what to change, for example \"make the sky blue\".";

    private final ConversationStore store;
    private final JobQueue queue;
    private final ConversationJobs recentJobs;
    private final KontextPromptRules rules;
    private final Screening screening;
    private final FrontEnd frontEnd;
    private final KeepUntouched keepUntouched;
    private final FamilySettings family;

    public EditSubmitter(ConversationStore store, JobQueue queue, ConversationJobs recentJobs,
                         KontextPromptRules rules, Screening screening, FrontEnd frontEnd,
                         KeepUntouched keepUntouched, FamilySettings family) {
        this.store = store;
        this.queue = queue;
        this.recentJobs = recentJobs;
        this.rules = rules;
        this.screening = screening;
        this.frontEnd = frontEnd;
        this.keepUntouched = keepUntouched;
        this.family = family;
    }

    /** Prepares what the user typed with the prompt rules, then queues it. */
    public void submit(TurnContext ctx, EditOrder order) {
        String typed = order.typed();
        if (typed == null || typed.isBlank()) {
            throw new TurnException("empty_instruction", EMPTY);
        }
        // The message's own text was screened when the turn began; an instruction the agent wrote is screened too.
        if (ctx.event().map(e -> !e.text().strip().equals(typed.strip())).orElse(true)) {
            screening.checkText(ctx.origin(), ctx.conversation(), typed);
        }
        family.checkGiven(order.overrides().steps().orElse(null), order.overrides().guidance().orElse(null));
        KeepUntouched.Said said = KeepUntouched.words(typed);
        PreparedInstruction prepared;
        try {
            prepared = rules.prepare(said.instruction());
        } catch (TooManyEditsException e) {
            throw new TurnException("too_many_edits", e.getMessage());
        } catch (InvalidInstructionException e) {
            throw new TurnException("empty_instruction", e.getMessage());
        }
        if (prepared.edits().isEmpty()) {
            throw new TurnException("empty_instruction", EMPTY);
        }
        prepared.notes().forEach(note -> ctx.send(new Reply.Text(note)));
        queue(ctx, order, prepared, order.kind() == JobKind.EDIT && order.region().isEmpty()
                && keepUntouched.keeps(prepared.edits(), said.keep()));
    }

    /**
     * "Re-anchor by replay": ONE edit of {@code root} with the path's instructions already combined, so the rules do
     * not split it again. Untouched pixels come back from the root when every step was local.
     *
     * @return whether the job was accepted (else the user was told why not)
     */
    public boolean submitCombined(TurnContext ctx, Version root, CombinedInstruction.Combined combined) {
        screening.checkText(ctx.origin(), ctx.conversation(), combined.instruction());
        PreparedInstruction prepared = new PreparedInstruction(List.of(combined.typed()),
                List.of(combined.instruction()), List.of(), false);
        return queue(ctx, EditOrder.edit(root, combined.typed(), EditOverrides.none()), prepared,
                keepUntouched.keeps(combined.steps(), Optional.empty()));
    }

    /** Queues an order whose instruction is already prepared; true when the job was accepted. */
    private boolean queue(TurnContext ctx, EditOrder order, PreparedInstruction prepared, boolean keepsUntouched) {
        ConversationSettings settings = store.settings(ctx.conversation());
        EditOverrides overrides = order.overrides();
        long seed = overrides.seed().orElseGet(() -> settings.seed().isPresent()
                ? settings.seed().getAsLong() : EditService.randomSeed());
        Optional<OutputSize> size = order.kind() == JobKind.GENERATE
                ? Aspects.size(overrides.aspect().orElse(settings.aspect())).map(s -> new OutputSize(s.width(),
                        s.height())) : Optional.empty();
        Sampling sampling = new Sampling(seed, overrides.steps().orElse(settings.steps()),
                overrides.guidance().orElse(family.guidanceFor(settings)), size.orElse(null));
        JobSpec spec = new JobSpec(null, ctx.conversation(),
                new Requester(ctx.userId(), ctx.origin().groupId().orElse(null)), target(ctx),
                recipe(ctx, order, prepared, keepsUntouched), sampling);
        switch (queue.submit(spec)) {
            case SubmitResult.Accepted accepted -> {
                recentJobs.record(ctx.conversation(), accepted.jobId());
                if (!ctx.origin().privateChat()) {
                    recentJobs.recordInChat(ctx.origin().platform(), ctx.origin().chatId(), accepted.jobId());
                }
                ctx.send(new Reply.Queued(accepted.jobId(), accepted.position().ahead(), accepted.position().eta()));
                return true;
            }
            case SubmitResult.Rejected rejected -> {
                ctx.send(new Reply.Error(rejected.reason().name().toLowerCase(Locale.ROOT), ctx.words().rejected(rejected)));
                return false;
            }
        }
    }

    /**
     * The job's recipe: one step per prepared edit, each labelled by its own typed part when the request was
     * compound (else by all that was typed); an edit takes the sent pictures and the conversation's references.
     */
    private EditRecipe recipe(TurnContext ctx, EditOrder order, PreparedInstruction prepared, boolean keepsUntouched) {
        List<String> edits = prepared.edits();
        boolean compound = prepared.parts().size() > 1;
        List<EditStep> steps = IntStream.range(0, edits.size())
                .mapToObj(i -> new EditStep(compound ? prepared.parts().get(i) : order.typed(), edits.get(i)))
                .toList();
        List<String> references = order.kind() != JobKind.EDIT ? List.of() : Stream.concat(
                order.sentReferences().stream(),
                store.references(ctx.conversation()).stream().map(Reference::blobId)).toList();
        return new EditRecipe(order.kind(), order.base().map(Version::id).orElse(null), steps, references,
                order.region().map(RegionSpec::toRegion).orElse(null), keepsUntouched, order.variations());
    }

    private DeliveryTarget target(TurnContext ctx) {
        Optional<ChatEvent> event = ctx.event();
        Optional<Interaction> interaction = ctx.interaction();
        return frontEnd.stamp(new DeliveryTarget(ctx.origin().platform(), ctx.origin().chatId(),
                event.flatMap(ChatEvent::messageId).orElse(null), ctx.origin().threadId().orElse(null),
                interaction.map(Interaction::token).orElse(null), interaction.map(Interaction::expiresAt).orElse(null),
                ctx.userId()));
    }
}
