package dev.kontextbot.core.edit;

import dev.kontextbot.conversation.jobs.EditRecipe;
import dev.kontextbot.conversation.state.ConversationStore;
import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.image.ImageIntake;
import dev.kontextbot.core.region.RegionSpec;
import dev.kontextbot.core.turn.TurnContext;
import dev.kontextbot.core.turn.TurnException;
import dev.kontextbot.inference.pipeline.EditRequest;
import dev.kontextbot.inference.region.InvalidRegionException;
import dev.kontextbot.prompts.CombinedInstruction;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * Turns "make it red" into a queued job: {@link BaseVersions} finds the version to edit (the pictures just sent,
 * the result being replied to, or the current one) and {@link EditSubmitter} applies the Kontext prompt rules, the
 * conversation's settings and the message's overrides, and submits. A compound request becomes one job whose steps
 * each add a version, in order.
 */
public final class EditService {

    /** Pictures of one message edited as separate context groups (the edited one and its references); more are combined. */
    static final int MAX_GROUPED_PICTURES = 1 + EditRequest.MAX_REFERENCES;

    private final ConversationStore store;
    private final BaseVersions bases;
    private final EditSubmitter submitter;
    private final FamilySettings family;

    public EditService(ConversationStore store, BaseVersions bases, EditSubmitter submitter, FamilySettings family) {
        this.store = store;
        this.bases = bases;
        this.submitter = submitter;
        this.family = family;
    }

    /** The version an edit in this turn starts from, storing newly sent pictures as a new root first. */
    public Optional<Version> base(TurnContext ctx) {
        return bases.base(ctx);
    }

    /** Stores the pictures of this message as a new root version and makes it current. */
    public Version remember(TurnContext ctx) {
        return bases.remember(ctx);
    }

    /** Stores the pictures of this message as a blob only, for a reference. Returns the blob id. */
    public String storeAttachment(TurnContext ctx) {
        return bases.storeAttachment(ctx);
    }

    /** Edits the base version, or generates a new picture when the conversation has none. */
    public void edit(TurnContext ctx, String typed, EditOverrides overrides) {
        int sent = ctx.event().map(e -> e.attachments().size()).orElse(0);
        if (sent > 1 && sent <= MAX_GROUPED_PICTURES) {
            editWithSentReferences(ctx, typed, overrides);
            return;
        }
        submitter.submit(ctx, EditOrder.editOrGenerate(base(ctx), typed, overrides));
    }

    /**
     * Several pictures in one message ("put the jacket from the second picture on the person in the first"): the
     * first becomes the picture to edit, the others go with the job as references, each its own context group.
     */
    private void editWithSentReferences(TurnContext ctx, String typed, EditOverrides overrides) {
        ImageIntake.Intake in = bases.readAttachments(ctx, "to edit", false);
        Version base = bases.rememberPicture(ctx, in.parts().getFirst());
        List<String> sent = in.parts().subList(1, in.parts().size()).stream()
                .map(picture -> bases.storePicture(ctx, picture)).toList();
        ctx.send(new Reply.Text(whichIsWhich(in.parts().size())));
        submitter.submit(ctx, EditOrder.edit(base, typed, overrides).withReferences(sent));
    }

    /** "Picture 1 is edited; 2 and 3 are references." */
    static String whichIsWhich(int pictures) {
        List<String> others = IntStream.rangeClosed(2, pictures).mapToObj(Integer::toString).toList();
        String listed = others.size() == 1 ? others.getFirst()
                : String.join(", ", others.subList(0, others.size() - 1)) + " and " + others.getLast();
        return "Picture 1 is edited; " + listed + (others.size() == 1 ? " is a reference." : " are references.")
                + " Each is used as it is, not combined.";
    }

    public void generate(TurnContext ctx, String prompt, EditOverrides overrides) {
        submitter.submit(ctx, EditOrder.generate(prompt, overrides));
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
        submitter.submit(ctx, EditOrder.edit(base, typed, overrides).within(region));
    }

    /** The same instruction again from the same parent, with a new seed. */
    public void retry(TurnContext ctx, Version of) {
        if (of.isRoot()) {
            throw new TurnException("nothing_to_retry", "There is no edit to retry yet: this is the original.");
        }
        Optional<Version> parent = store.find(ctx.conversation(), of.parentId());
        submitter.submit(ctx, EditOrder.editOrGenerate(parent, of.instructionTyped(), family.again(of, randomSeed())));
    }

    /**
     * "Vary": the instruction that made {@code of} again from its parent, {@code count} times with new seeds in one
     * job; each result is a sibling of {@code of}.
     */
    public void vary(TurnContext ctx, Version of, int count) {
        if (of.isRoot()) {
            throw new TurnException("nothing_to_vary", "There is no edit to vary yet: this is the original.");
        }
        if (count < 2 || count > EditRecipe.MAX_VARIATIONS) {
            throw new TurnException("invalid_settings", "Ask for 2 to " + EditRecipe.MAX_VARIATIONS + " variations.");
        }
        Version parent = store.find(ctx.conversation(), of.parentId()).orElseThrow(() -> new TurnException(
                "version_not_found", "The picture " + of.label() + " was made from is no longer stored."));
        submitter.submit(ctx, EditOrder.edit(parent, of.instructionTyped(), family.again(of, randomSeed()))
                .varied(count));
    }

    /**
     * "Re-anchor by replay": ONE edit of {@code root} with the path's instructions already combined, so the rules do
     * not split it again; the result is a new child of the root. Untouched pixels come back from the root when
     * every step was local.
     *
     * @return whether the job was accepted (else the user was told why not)
     */
    public boolean editCombined(TurnContext ctx, Version root, CombinedInstruction.Combined combined) {
        return submitter.submitCombined(ctx, root, combined);
    }

    static long randomSeed() {
        return ThreadLocalRandom.current().nextLong(0, 1L << 32);
    }
}
