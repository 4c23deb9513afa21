package dev.kontextbot.core.rules;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** What a chat message asks for, as the rule-based mode understands it. */
public sealed interface ParsedCommand {

    /** Which reference image a command is about. */
    enum Kind {
        CHARACTER,
        STYLE
    }

    record Undo() implements ParsedCommand {}

    record Redo() implements ParsedCommand {}

    /** @param versionRef the reference as the user gave it: "v3", "3", "original" or "previous" */
    record GoTo(String versionRef) implements ParsedCommand {}

    record History() implements ParsedCommand {}

    record StartOver() implements ParsedCommand {}

    record Cancel() implements ParsedCommand {}

    record Forget() implements ParsedCommand {}

    record Help() implements ParsedCommand {}

    /** Run the last edit again with a new seed. */
    record Retry() implements ParsedCommand {}

    /** The last edit again with 2-4 new seeds in one job, the results side by side in the tree ("vary"). */
    record Vary(OptionalInt count) implements ParsedCommand {}

    /** Make one of the last variations current ("pick 2", "use the second one"); 1-based. */
    record Pick(int number) implements ParsedCommand {}

    /** Bring the colours back to the original's ("re-anchor"). */
    record ReAnchor() implements ParsedCommand {}

    /** Replay the edits since the original as one combined edit of it ("re-anchor by replay"). */
    record ReplayPath() implements ParsedCommand {}

    record SetReference(Kind kind) implements ParsedCommand {}

    record ClearReference(Kind kind) implements ParsedCommand {}

    /** Generation settings; a seed of -1 means random. Alone it changes the settings for later edits. */
    record Settings(OptionalInt steps, OptionalDouble guidance, OptionalLong seed, Optional<String> aspect)
            implements ParsedCommand {

        public static final long RANDOM_SEED = -1;

        public static Settings none() {
            return new Settings(OptionalInt.empty(), OptionalDouble.empty(), OptionalLong.empty(), Optional.empty());
        }

        public boolean isEmpty() {
            return steps.isEmpty() && guidance.isEmpty() && seed.isEmpty() && aspect.isEmpty();
        }
    }

    /** A question, small talk or the introduction of a picture: answered, never painted. */
    record Answer(AnswerTopic topic) implements ParsedCommand {}

    /** Words that may or may not be an edit ("a red car"): ask before queueing (or create when there is no picture). */
    record Unsure(String text, Settings overrides) implements ParsedCommand {}

    /** "yes" or "no", the answer to the bot's last question. */
    record Confirmation(boolean yes) implements ParsedCommand {}

    /** An edit instruction (or a generation prompt when there is no image yet), with settings for this run only. */
    record Instruction(String text, Settings overrides) implements ParsedCommand {}
}
