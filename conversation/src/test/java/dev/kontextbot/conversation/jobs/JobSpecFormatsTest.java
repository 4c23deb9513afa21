package dev.kontextbot.conversation.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kontextbot.conversation.review.VersionAwaitingReview;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Jobs stored before the typed recipe (the resources under {@code legacy/}, written by that code's {@link JobJson})
 * read into the recipe they meant; the current form is versioned, joins nothing and reads back as written.
 */
class JobSpecFormatsTest {

    private final JobJson json = new JobJson();
    private final DeliveryTarget console = new DeliveryTarget("console", "chat-1", "m-7", null, null, null, "alice")
            .from("console-1", false);
    private final Requester alice = new Requester("alice", null);

    private static String legacy(String name) {
        return LegacyJobs.json(name);
    }

    private JobSpec read(String name) {
        return json.read(legacy(name), JobSpec.class);
    }

    @Test
    void aPlainEditWithKeepUntouchedReadsAsOneStep() {
        assertThat(read("plain-edit")).isEqualTo(new JobSpec("job-legacy-plain", "console:alice", alice, console,
                new EditRecipe(JobKind.EDIT, "BASE_VERSION", List.of(new EditStep("make the sky blue",
                        "Make the sky blue.")), List.of(), null, true, 1), Sampling.of(42, 2, 2.5)));
    }

    @Test
    void aCompoundEditsLinesBecomeStepsAndItsRegionABox() {
        JobSpec spec = read("compound-region");
        assertThat(spec.recipe().steps()).containsExactly(
                new EditStep("make the background white", "Make the background white."),
                new EditStep("add a red hat", "Add a red hat."));
        assertThat(spec.recipe().localRegion()).contains(new Region.Pixels(16, 16, 128, 96));
        assertThat(spec.recipe().keepUntouched()).isFalse();
        assertThat(spec.recipe().runs()).isEqualTo(2);
        assertThat(spec.recipe().siblings()).isFalse();
        // A reviewer still reads what the user typed, one part per line.
        assertThat(spec.recipe().typedText()).isEqualTo("make the background white\nadd a red hat");
    }

    @Test
    void variationsWithReferencesKeepTheirGroupTokenAndSeeds() {
        JobSpec spec = read("variations-references");
        assertThat(spec.recipe()).isEqualTo(new EditRecipe(JobKind.EDIT, "BASE_VERSION",
                List.of(new EditStep("add sunglasses", "Add sunglasses.")), List.of("REFERENCE_BLOB"), null, false, 3));
        assertThat(spec.recipe().runs()).isEqualTo(3);
        assertThat(spec.recipe().step(2)).isEqualTo(spec.recipe().step(0));
        assertThat(spec.requester()).isEqualTo(new Requester("alice", "team-9"));
        assertThat(spec.sampling()).isEqualTo(Sampling.of(100, 2, 2.5));
        assertThat(spec.delivery().threadId()).isEqualTo("thread-2");
        assertThat(spec.delivery().interactionToken()).isEqualTo("tok");
        assertThat(spec.delivery().tokenExpiresAt()).isEqualTo(Instant.parse("2026-12-07T15:00:00Z"));
    }

    @Test
    void aFractionRegionAndASizedGenerationReadAsTyped() {
        assertThat(read("fraction-region").recipe().localRegion())
                .contains(new Region.Fractions(0, 0, 0.3333, 1));
        JobSpec generate = read("generate-sized");
        assertThat(generate.recipe().kind()).isEqualTo(JobKind.GENERATE);
        assertThat(generate.recipe().baseVersionId()).isNull();
        assertThat(generate.sampling().outputSize()).contains(new OutputSize(512, 384));
    }

    @Test
    void theCurrentFormIsVersionedJoinsNothingAndReadsBackAsWritten() {
        for (String name : List.of("plain-edit", "compound-region", "variations-references", "fraction-region",
                "generate-sized")) {
            JobSpec spec = read(name);
            String written = json.write(spec);
            assertThat(written).contains("\"format\":2", "\"requester\":{\"userId\":\"alice\"")
                    .doesNotContain("instructionSent", "instructionTyped", "\\n", "px:", "frac:");
            assertThat(json.read(written, JobSpec.class)).as(name).isEqualTo(spec);
        }
    }

    @Test
    void aResultHeldForReviewBeforeTheUpgradeStillNamesItsJob() {
        String held = "{\"job\":" + legacy("compound-region") + ",\"parentVersionId\":\"v-1\",\"instructionTyped\":"
                + "\"add a red hat\",\"instructionSent\":\"Add a red hat.\",\"seed\":7,\"width\":640,\"height\":480,"
                + "\"stepJobId\":\"job-legacy-compound#1\"}";
        VersionAwaitingReview read = json.read(held, VersionAwaitingReview.class);
        assertThat(read.job()).isEqualTo(read("compound-region"));
        assertThat(read.stepJobId()).isEqualTo("job-legacy-compound#1");
    }

    @Test
    void anOldJobIsRefusedForWhatItWasRefusedForBefore() {
        String noWidth = legacy("generate-sized").replace("\"width\":512", "\"width\":null");
        assertThatThrownBy(() -> json.read(noWidth, JobSpec.class)).isInstanceOf(IllegalStateException.class)
                .rootCause().isInstanceOf(InvalidJobException.class).hasMessage("Give both width and height, or neither");
        String badRegion = legacy("compound-region").replace("px:16,16,128,96", "px:16,16");
        assertThatThrownBy(() -> json.read(badRegion, JobSpec.class)).rootCause()
                .hasMessage("The job's region 'px:16,16' is not one the worker can read.");
        String tooMany = legacy("variations-references").replace("\"variations\":3", "\"variations\":9");
        assertThatThrownBy(() -> json.read(tooMany, JobSpec.class)).rootCause()
                .hasMessage("Variations must be between 1 and " + EditRecipe.MAX_VARIATIONS);
    }

    @Test
    void theRecipeRefusesWhatTheFlatSpecRefused() {
        assertThatThrownBy(() -> new EditRecipe(JobKind.GENERATE, null, List.of(new EditStep("x", "x")), List.of(),
                new Region.Pixels(0, 0, 8, 8), false, 1)).isInstanceOf(InvalidJobException.class)
                .hasMessage("Only an edit of a stored picture can be limited to a region");
        assertThatThrownBy(() -> Sampling.of(1, 201, 2.5)).hasMessage("Steps must be between 1 and 200, not 201");
        assertThatThrownBy(() -> new Requester(" ", null)).hasMessage("A job needs the user who asked for it");
        assertThatThrownBy(() -> new JobSpec(null, "", alice, console, EditRecipe.of(JobKind.GENERATE, null,
                new EditStep("x", "x")), Sampling.of(1, 4, 2.5))).hasMessage("A job needs a conversation");
    }
}
