package dev.kontextbot.core.edit;

import dev.kontextbot.core.image.ImageIntake;
import dev.kontextbot.core.region.KeepUntouched;
import dev.kontextbot.core.region.RegionSpec;
import dev.kontextbot.core.turn.TurnContext;
import dev.kontextbot.core.turn.TurnException;
import dev.kontextbot.conversation.blob.BlobStore;
import dev.kontextbot.conversation.jobs.ConversationJobs;
import dev.kontextbot.conversation.jobs.DeliveryTarget;
import dev.kontextbot.core.delivery.FrontEnd;
import dev.kontextbot.conversation.jobs.JobKind;
import dev.kontextbot.conversation.jobs.JobQueue;
import dev.kontextbot.conversation.jobs.JobSpec;
import dev.kontextbot.conversation.jobs.SubmitResult;
import dev.kontextbot.conversation.state.ConversationSettings;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.MessageRef;
import dev.kontextbot.conversation.state.NewVersion;
import dev.kontextbot.conversation.state.Reference;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.core.chat.ChatEvent;
import dev.kontextbot.core.chat.Interaction;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.safety.Screening;
import dev.kontextbot.inference.image.PngCodec;
import dev.kontextbot.inference.pipeline.EditRequest;
import dev.kontextbot.prompts.CombinedInstruction;
import dev.kontextbot.prompts.InvalidInstructionException;
import dev.kontextbot.inference.region.InvalidRegionException;
import dev.kontextbot.prompts.KontextPromptRules;
import dev.kontextbot.prompts.TooManyEditsException;
import dev.kontextbot.prompts.PreparedInstruction;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Turns "make it red" into a queued job: finds the version to edit (the pictures just sent, the result being
 * replied to, or the current one), applies the Kontext prompt rules, the conversation's settings and the message's
 * overrides, and submits. A compound request becomes one job whose steps each add a version, in order.
 */
public final class EditService {

    /**
     * Joins the steps of a compound edit in {@link JobSpec#instructionSent()} and their typed parts in
     * {@link JobSpec#instructionTyped()}; prompt rules never emit newlines (parts have single spaces).
     */
    public static final String STEP_SEPARATOR = "\n";
    /** Pictures of one message edited as separate context groups (the edited one and its references); more are combined. */
    static final int MAX_GROUPED_PICTURES = 1 + EditRequest.MAX_REFERENCES;

    private final ConversationStore store;
    private final JobQueue queue;
    private final KontextPromptRules rules;
    private final ImageIntake intake;
    private final PngCodec png;
    private final ConversationJobs recentJobs;
    private final Screening screening;
    private final FrontEnd frontEnd;
    private final KeepUntouched keepUntouched;
    private final FamilySettings family;

    public EditService(ConversationStore store, JobQueue queue, ConversationJobs recentJobs,
                       KontextPromptRules rules, ImageIntake intake, PngCodec png, Screening screening,
                       FrontEnd frontEnd, KeepUntouched keepUntouched, FamilySettings family) {
        this.family = family;
        this.screening = screening;
        this.frontEnd = frontEnd;
        this.keepUntouched = keepUntouched;
        this.store = store;
        this.queue = queue;
        this.recentJobs = recentJobs;
        this.rules = rules;
        this.intake = intake;
        this.png = png;
    }

    /** The version an edit in this turn starts from, storing newly sent pictures as a new root first. */
    public Optional<Version> base(TurnContext ctx) {
        Optional<ChatEvent> event = ctx.event();
        if (event.isPresent() && !event.get().attachments().isEmpty()) {
            return Optional.of(remember(ctx));
        }
        if (event.isPresent() && event.get().replyToMessageId().isPresent()) {
            MessageRef ref = new MessageRef(ctx.origin().platform(), ctx.origin().chatId(),
                    event.get().replyToMessageId().get());
            var shown = store.resolveMessage(ref);
            if (shown.isPresent()) {
                return Optional.of(store.continueFrom(ctx.conversation(), shown.get(), ctx.userId()));
            }
        }
        return store.head(ctx.conversation());
    }

    /** Stores the pictures of this message as a new root version and makes it current. */
    public Version remember(TurnContext ctx) {
        return rememberPicture(ctx, readAttachments(ctx, "to edit", true).image());
    }

    private Version rememberPicture(TurnContext ctx, BufferedImage image) {
        ChatEvent event = ctx.event().orElseThrow(() -> new TurnException("no_image", "Send a picture first."));
        String blob = store.blobs(ctx.conversation(), ctx.userId()).putPng(png.encodePng(image));
        String uploadId = "upload:" + ctx.origin().platform() + ":" + ctx.origin().chatId() + ":"
                + event.messageId().orElseGet(() -> UUID.randomUUID().toString());
        return store.append(ctx.conversation(), NewVersion.upload(blob, image.getWidth(), image.getHeight(),
                ctx.userId(), uploadId));
    }

    /**
     * Stores the pictures of this message as a blob only (no version: the current picture stays current), for a
     * reference. Returns the blob id.
     */
    public String storeAttachment(TurnContext ctx) {
        ImageIntake.Intake in = readAttachments(ctx, "as the reference", true);
        return store.blobs(ctx.conversation(), ctx.userId()).putPng(png.encodePng(in.image()));
    }

    /** @param combined whether the pictures are used side by side as one (else each is used on its own) */
    private ImageIntake.Intake readAttachments(TurnContext ctx, String purpose, boolean combined) {
        ChatEvent event = ctx.event().orElseThrow(() -> new TurnException("no_image", "Send a picture first."));
        if (event.attachments().isEmpty()) {
            throw new TurnException("no_image", "Send a picture first.");
        }
        ImageIntake.Intake in = intake.read(event.attachments());
        // Already screened at the start of the turn when a classifier is installed; this covers any other path.
        screening.checkUploads(ctx.origin(), ctx.conversation(), event.text(), in.parts());
        if (combined && in.pictures() > 1) {
            ctx.send(new Reply.Text("I combined your " + in.pictures() + " pictures side by side into one picture "
                    + purpose + "."));
        }
        return in;
    }

    /** Edits the base version, or generates a new picture when the conversation has none. */
    public void edit(TurnContext ctx, String typed, EditOverrides overrides) {
        int sent = ctx.event().map(e -> e.attachments().size()).orElse(0);
        if (sent > 1 && sent <= MAX_GROUPED_PICTURES) {
            editWithSentReferences(ctx, typed, overrides);
            return;
        }
        Optional<Version> base = base(ctx);
        if (base.isEmpty()) {
            generate(ctx, typed, overrides);
            return;
        }
        submit(ctx, JobKind.EDIT, base.get(), typed, overrides, null);
    }

    /**
     * Several pictures in one message ("put the jacket from the second picture on the person in the first"): the
     * first becomes the picture to edit, the others go with the job as references, each its own context group.
     */
    private void editWithSentReferences(TurnContext ctx, String typed, EditOverrides overrides) {
        ImageIntake.Intake in = readAttachments(ctx, "to edit", false);
        Version base = rememberPicture(ctx, in.parts().getFirst());
        BlobStore blobs = store.blobs(ctx.conversation(), ctx.userId());
        List<String> sent = in.parts().subList(1, in.parts().size()).stream()
                .map(picture -> blobs.putPng(png.encodePng(picture))).toList();
        ctx.send(new Reply.Text(whichIsWhich(in.parts().size())));
        submit(ctx, JobKind.EDIT, base, typed, overrides, null, null, sent);
    }

    /** "Picture 1 is edited; 2 and 3 are references." */
    static String whichIsWhich(int pictures) {
        List<String> others = java.util.stream.IntStream.rangeClosed(2, pictures).mapToObj(Integer::toString).toList();
        String listed = others.size() == 1 ? others.getFirst()
                : String.join(", ", others.subList(0, others.size() - 1)) + " and " + others.getLast();
        return "Picture 1 is edited; " + listed + (others.size() == 1 ? " is a reference." : " are references.")
                + " Each is used as it is, not combined.";
    }

    public void generate(TurnContext ctx, String prompt, EditOverrides overrides) {
        submit(ctx, JobKind.GENERATE, null, prompt, overrides, null);
    }

    /** Edits only {@code region} of the base version; every pixel outside it stays as it is. */
    public void editRegion(TurnContext ctx, String typed, RegionSpec region, EditOverrides overrides) {
        Version base = base(ctx).orElseThrow(() -> new TurnException("no_image",
                "Send a picture first: there is nothing to edit a part of yet."));
        try {
            // Checked now, so a box past the edge is answered at once instead of failing in the worker.
            region.box(base.width(), base.height()).requireWithin(base.width(), base.height());
        } catch (InvalidRegionException e) {
            throw new TurnException("invalid_region", e.getMessage());
        }
        submit(ctx, JobKind.EDIT, base, typed, overrides, region.encode());
    }

    /** The same instruction again from the same parent, with a new seed. */
    public void retry(TurnContext ctx, Version of) {
        if (of.isRoot()) {
            throw new TurnException("nothing_to_retry", "There is no edit to retry yet: this is the original.");
        }
        Version parent = store.find(ctx.conversation(), of.parentId()).orElse(null);
        EditOverrides overrides = family.again(of, randomSeed());
        submit(ctx, parent == null ? JobKind.GENERATE : JobKind.EDIT, parent, of.instructionTyped(), overrides, null);
    }

    /**
     * "Vary": the instruction that made {@code of} again from its parent, {@code count} times with new seeds in one
     * job; each result is a sibling of {@code of}.
     */
    public void vary(TurnContext ctx, Version of, int count) {
        if (of.isRoot()) {
            throw new TurnException("nothing_to_vary", "There is no edit to vary yet: this is the original.");
        }
        if (count < 2 || count > JobSpec.MAX_VARIATIONS) {
            throw new TurnException("invalid_settings", "Ask for 2 to " + JobSpec.MAX_VARIATIONS + " variations.");
        }
        Version parent = store.find(ctx.conversation(), of.parentId()).orElseThrow(() -> new TurnException(
                "version_not_found", "The picture " + of.label() + " was made from is no longer stored."));
        EditOverrides overrides = family.again(of, randomSeed());
        submit(ctx, JobKind.EDIT, parent, of.instructionTyped(), overrides, null, count);
    }

    private void submit(TurnContext ctx, JobKind kind, Version base, String typed, EditOverrides overrides,
                        String region) {
        submit(ctx, kind, base, typed, overrides, region, null);
    }

    private void submit(TurnContext ctx, JobKind kind, Version base, String typed, EditOverrides overrides,
                        String region, Integer variations) {
        submit(ctx, kind, base, typed, overrides, region, variations, List.of());
    }

    /** @param sentReferences pictures sent with this message as references, before the conversation's own */
    private void submit(TurnContext ctx, JobKind kind, Version base, String typed, EditOverrides overrides,
                        String region, Integer variations, List<String> sentReferences) {
        if (typed == null || typed.isBlank()) {
            throw new TurnException("empty_instruction", "Tell me what to change, for example \"make the sky blue\".");
        }
        // The message's own text was screened when the turn began; an instruction the agent wrote is screened too.
        if (ctx.event().map(e -> !e.text().strip().equals(typed.strip())).orElse(true)) {
            screening.checkText(ctx.origin(), ctx.conversation(), typed);
        }
        family.checkGiven(overrides.steps().orElse(null), overrides.guidance().orElse(null));
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
            throw new TurnException("empty_instruction", "Tell me what to change, for example \"make the sky blue\".");
        }
        prepared.notes().forEach(note -> ctx.send(new Reply.Text(note)));
        queue(ctx, kind, base, typed, prepared, overrides, region, variations, sentReferences,
                kind == JobKind.EDIT && region == null && keepUntouched.keeps(prepared.edits(), said.keep()));
    }

    /**
     * "Re-anchor by replay": ONE edit of {@code root} with the path's instructions already combined, so the rules do
     * not split it again; the result is a new child of the root. Untouched pixels come back from the root when
     * every step was local.
     */
    /** @return whether the job was accepted (else the user was told why not) */
    public boolean editCombined(TurnContext ctx, Version root, CombinedInstruction.Combined combined) {
        screening.checkText(ctx.origin(), ctx.conversation(), combined.instruction());
        PreparedInstruction prepared = new PreparedInstruction(List.of(combined.typed()),
                List.of(combined.instruction()), List.of(), false);
        return queue(ctx, JobKind.EDIT, root, combined.typed(), prepared, EditOverrides.none(), null, null, List.of(),
                keepUntouched.keeps(combined.steps(), Optional.empty()));
    }

    private boolean queue(TurnContext ctx, JobKind kind, Version base, String typed, PreparedInstruction prepared,
                       EditOverrides overrides, String region, Integer variations, List<String> sentReferences,
                       boolean keepsUntouched) {
        ConversationSettings settings = store.settings(ctx.conversation());
        int steps = overrides.steps().orElse(settings.steps());
        double guidance = overrides.guidance().orElse(family.guidanceFor(settings));
        long seed = overrides.seed().orElseGet(() -> settings.seed().isPresent()
                ? settings.seed().getAsLong() : randomSeed());
        Optional<Aspects.Size> size = kind == JobKind.GENERATE
                ? Aspects.size(overrides.aspect().orElse(settings.aspect())) : Optional.empty();
        List<String> references = kind != JobKind.EDIT ? List.of() : java.util.stream.Stream.concat(
                sentReferences.stream(), store.references(ctx.conversation()).stream().map(Reference::blobId)).toList();
        Optional<ChatEvent> event = ctx.event();
        Optional<Interaction> interaction = ctx.interaction();
        DeliveryTarget target = frontEnd.stamp(new DeliveryTarget(ctx.origin().platform(), ctx.origin().chatId(),
                event.flatMap(ChatEvent::messageId).orElse(null), ctx.origin().threadId().orElse(null),
                interaction.map(Interaction::token).orElse(null), interaction.map(Interaction::expiresAt).orElse(null),
                ctx.userId()));
        // A compound request's parts go one per line, so each step's version is labelled by its own part.
        String typedForSteps = prepared.parts().size() > 1 ? String.join(STEP_SEPARATOR, prepared.parts()) : typed;
        JobSpec spec = new JobSpec(null, ctx.conversation(), kind, base == null ? null : base.id(), typedForSteps,
                String.join(STEP_SEPARATOR, prepared.edits()), references, seed, steps, guidance,
                size.map(Aspects.Size::width).orElse(null), size.map(Aspects.Size::height).orElse(null),
                ctx.userId(), ctx.origin().groupId().orElse(null), target, region,
                keepsUntouched ? Boolean.TRUE : null, variations);
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

    static long randomSeed() {
        return ThreadLocalRandom.current().nextLong(0, 1L << 32);
    }
}
