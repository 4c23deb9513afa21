package dev.kontextbot.core.rules;

import dev.kontextbot.core.rules.ParsedCommand.Cancel;
import dev.kontextbot.core.rules.ParsedCommand.ClearReference;
import dev.kontextbot.core.rules.ParsedCommand.Confirmation;
import dev.kontextbot.core.rules.ParsedCommand.Forget;
import dev.kontextbot.core.rules.ParsedCommand.GoTo;
import dev.kontextbot.core.rules.ParsedCommand.Help;
import dev.kontextbot.core.rules.ParsedCommand.History;
import dev.kontextbot.core.rules.ParsedCommand.Instruction;
import dev.kontextbot.core.rules.ParsedCommand.Kind;
import dev.kontextbot.core.rules.ParsedCommand.ReAnchor;
import dev.kontextbot.core.rules.ParsedCommand.Redo;
import dev.kontextbot.core.rules.ParsedCommand.Retry;
import dev.kontextbot.core.rules.ParsedCommand.SetReference;
import dev.kontextbot.core.rules.ParsedCommand.StartOver;
import dev.kontextbot.core.rules.ParsedCommand.Undo;
import dev.kontextbot.core.rules.ParsedCommand.Vary;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Understands chat messages without a language model: commands with or without a slash and in plain
 * phrasings ("undo that", "back to 2", "the original", "use this as the character"), settings ("seed 42"), and
 * for everything else, what it is ({@link MessageClassifier}): an edit, a question, small talk, the introduction of
 * a picture, or words to ask about. The phrasings are data ({@code en.rules}); this class knows what each name does.
 *
 * <p>A command must be the whole message (politeness aside), so instructions that merely contain a command
 * word stay instructions: "make the sign say undo", "add a history book", "cancel the red color" (an edit;
 * cancelling is for a running job), "stop smiling". An unknown slash command gets the help, never an edit.
 */
public final class CommandParser {

    private record Rule(Pattern pattern, Function<Matcher, ParsedCommand> command) {}

    private static final Pattern SLASH_COMMAND = Pattern.compile("^/([\\p{L}\\d_-]+)(?:@[\\w]+)?(?:\\s+(.*))?$",
            Pattern.DOTALL);
    private static final Set<String> INSTRUCTION_COMMANDS = Set.of("edit", "e", "imagine", "generate", "gen", "draw",
            "prompt", "make", "change");

    /** What each command name of the data file does; a group in its line is the argument. */
    private static final Map<String, Function<Matcher, ParsedCommand>> COMMANDS = Map.ofEntries(
            Map.entry("undo", m -> new Undo()),
            Map.entry("redo", m -> new Redo()),
            Map.entry("goto.v", m -> new GoTo("v" + m.group(1))),
            Map.entry("goto", m -> new GoTo(m.group(1))),
            Map.entry("goto.original", m -> new GoTo("original")),
            Map.entry("goto.previous", m -> new GoTo("previous")),
            Map.entry("history", m -> new History()),
            Map.entry("start_over", m -> new StartOver()),
            Map.entry("cancel", m -> new Cancel()),
            Map.entry("clear_reference", m -> new ClearReference(kind(m.group(1)))),
            Map.entry("forget", m -> new Forget()),
            Map.entry("help", m -> new Help()),
            Map.entry("retry", m -> new Retry()),
            Map.entry("set_reference.character", m -> new SetReference(Kind.CHARACTER)),
            Map.entry("set_reference.style", m -> new SetReference(Kind.STYLE)),
            Map.entry("yes", m -> new Confirmation(true)),
            Map.entry("no", m -> new Confirmation(false)),
            // Issue 16: variations and drift correction.
            Map.entry("vary", m -> new Vary(count(m))),
            Map.entry("reanchor", m -> new ReAnchor()),
            Map.entry("replay", m -> new ParsedCommand.ReplayPath()),
            Map.entry("pick", m -> new ParsedCommand.Pick(ordinal(m))));

    private final List<Rule> rules;
    private final MessageNormalizer wording;
    private final MessageClassifier classifier;
    private final SettingsExtractor settings = new SettingsExtractor();

    public CommandParser() {
        this(IntentRules.load("en"));
    }

    public CommandParser(IntentRules language) {
        this.rules = language.lines("command.").stream().map(named -> {
            Function<Matcher, ParsedCommand> command = COMMANDS.get(named.name());
            if (command == null) {
                throw new IllegalArgumentException(language.language() + ".rules names an unknown command: "
                        + named.name());
            }
            return new Rule(named.pattern(), command);
        }).toList();
        this.wording = new MessageNormalizer(language);
        this.classifier = new MessageClassifier(language, wording);
    }

    /** A message without pictures. */
    public ParsedCommand parse(String text) {
        return parse(text, false);
    }

    /** @param withPicture whether the message carries a picture ("my cat Luna" then introduces it) */
    public ParsedCommand parse(String text, boolean withPicture) {
        if (text == null || text.isBlank()) {
            return new Help();
        }
        String typed = text.strip();
        Matcher slash = SLASH_COMMAND.matcher(typed);
        if (slash.matches()) {
            return slashCommand(slash.group(1).toLowerCase(Locale.ROOT), slash.group(2) == null ? "" : slash.group(2).strip());
        }
        if (classifier.introducesBeforeCommands(typed, withPicture)) {
            return new ParsedCommand.Answer(AnswerTopic.INTRODUCTION);
        }
        Optional<ParsedCommand> command = command(typed);
        if (command.isPresent()) {
            return command.get();
        }
        Optional<ParsedCommand> talk = classifier.smallTalk(typed);
        if (talk.isPresent()) {
            return talk.get();
        }
        SettingsExtractor.Extracted extracted = settings.extract(typed);
        if (!extracted.settings().isEmpty()) {
            String rest = wording.normalised(extracted.remainder());
            if (rest.isEmpty() || rest.matches("(?:set|use|with|using|change|change the|make it|go with|try|do)")) {
                return extracted.settings();
            }
            Optional<ParsedCommand> commandWithSettings = command(extracted.remainder());
            if (commandWithSettings.isPresent()) {
                // One tool call per turn: a command keeps its meaning, the settings it came with are not applied.
                return commandWithSettings.get();
            }
            if (extracted.settings().aspect().isPresent()) {
                // An aspect ratio only means something for a new picture: a description to create from.
                return new Instruction(extracted.remainder(), extracted.settings());
            }
        }
        return classifier.classify(typed, extracted.remainder(), extracted.settings(), withPicture);
    }

    private ParsedCommand slashCommand(String name, String args) {
        if (name.equals("region") && !args.isEmpty()) {
            // "/region top-left quarter add a bird" reads as "only the top-left quarter: add a bird".
            return slashCommand("edit", "only " + args);
        }
        if (INSTRUCTION_COMMANDS.contains(name)) {
            if (args.isEmpty()) {
                return new Help();
            }
            SettingsExtractor.Extracted extracted = settings.extract(args);
            return extracted.remainder().isEmpty()
                    ? extracted.settings()
                    : new Instruction(extracted.remainder(), extracted.settings());
        }
        String whole = args.isEmpty() ? name : name + " " + args;
        Optional<ParsedCommand> command = command(whole);
        if (command.isPresent() && !(command.get() instanceof Confirmation)) {
            return command.get();
        }
        SettingsExtractor.Extracted extracted = settings.extract(whole);
        if (!extracted.settings().isEmpty() && wording.normalised(extracted.remainder()).matches("(?:settings?|set)?")) {
            return extracted.settings();
        }
        return new Help();
    }

    private Optional<ParsedCommand> command(String text) {
        // The words as typed first, so "hi there" is a greeting before "hi" is dropped as politeness.
        for (String n : List.of(MessageNormalizer.plain(text), wording.normalised(text))) {
            for (Rule rule : rules) {
                Matcher m = rule.pattern().matcher(n);
                if (m.matches()) {
                    return Optional.of(rule.command().apply(m));
                }
            }
        }
        return Optional.empty();
    }

    /** The first group that matched, as a number: a digit or an ordinal word ("second" is 2). */
    private static int ordinal(Matcher m) {
        for (int g = 1; g <= m.groupCount(); g++) {
            String word = m.group(g);
            if (word != null) {
                return switch (word.toLowerCase(Locale.ROOT)) {
                    case "first" -> 1;
                    case "second" -> 2;
                    case "third" -> 3;
                    case "fourth" -> 4;
                    default -> Integer.parseInt(word);
                };
            }
        }
        throw new IllegalStateException("a pick rule without a number");
    }

    private static java.util.OptionalInt count(Matcher m) {
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.group(g) != null) {
                return java.util.OptionalInt.of(Integer.parseInt(m.group(g)));
            }
        }
        return java.util.OptionalInt.empty();
    }

    private static Kind kind(String word) {
        return word.equals("style") ? Kind.STYLE : Kind.CHARACTER;
    }
}
