package dev.kontextbot.core.rules;

import dev.kontextbot.core.rules.ParsedCommand.Cancel;
import dev.kontextbot.core.rules.ParsedCommand.ClearReference;
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
import dev.kontextbot.core.rules.ParsedCommand.Settings;
import dev.kontextbot.core.rules.ParsedCommand.StartOver;
import dev.kontextbot.core.rules.ParsedCommand.Undo;
import dev.kontextbot.core.rules.ParsedCommand.Vary;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Understands chat messages without a language model: commands with or without a slash and in plain
 * phrasings ("undo that", "back to 2", "the original", "use this as the character"), settings ("seed 42"),
 * and everything else as an edit instruction.
 *
 * <p>A command must be the whole message (politeness aside), so instructions that merely contain a command
 * word stay instructions: "make the sign say undo", "add a history book", "cancel the red color" (an edit;
 * cancelling is for a running job), "stop smiling". An unknown slash command gets the help, never an edit.
 */
public final class CommandParser {

    private record Rule(Pattern pattern, Function<Matcher, ParsedCommand> command) {}

    private static final Pattern LEADING_FILLER = Pattern.compile(
            "^(?:(?:please|pls|plz|kindly|ok|okay|hey|hi|bot|now|just|so|um|uh|can you|could you|would you|"
                    + "will you|can we|could we|i want to|i'd like to|i would like to|i want you to|let's|lets)\\b[\\s,]*)+");
    private static final Pattern TRAILING_FILLER = Pattern.compile(
            "(?:[\\s,]+(?:please|pls|plz|thanks|thank you|thx|for me|now|again please))+$");
    private static final Pattern SLASH_COMMAND = Pattern.compile("^/([\\p{L}\\d_-]+)(?:@[\\w]+)?(?:\\s+(.*))?$",
            Pattern.DOTALL);
    private static final Set<String> INSTRUCTION_COMMANDS = Set.of("edit", "e", "imagine", "generate", "gen", "draw",
            "prompt", "make", "change");

    private static final String THIS_IMAGE = "(?:this|that|it|this one|that one|the current one|the current image|"
            + "the image|this image|this picture|this photo|this pic|the picture|the photo|this face|this person|"
            + "him|her|them)";
    private static final String VERSION_VERB = "(?:show(?: me)?|go to|goto|go back to|back to|jump to|switch to|"
            + "return to|revert to|take me back to|take me to|restore|open|load|give me|use)";
    private static final String IMAGE_NOUN = "(?:one|image|version|picture|photo|pic)";

    private static final List<Rule> RULES = List.of(
            // Issue 16: variations and drift correction.
            rule("vary(?: (?:it|this|that))?(?: (\\d))?(?: times)?|(?:give me |show me |make )?(\\d) variations"
                    + "|variations", m -> new Vary(count(m))),
            rule("re-?anchor(?: (?:it|this|the colou?rs?))?|fix (?:the )?(?:colou?r )?drift|(?:fix|restore|reset) the colou?rs?"
                    + "(?: to the original)?", m -> new ReAnchor()),
            rule("undo|undo (?:that|it|this|the last(?: one| edit| change| step)?|last (?:edit|change|step))"
                    + "|revert(?: (?:that|it|this|the last(?: edit| change)?))?|go back(?: one| one step| a step)?"
                    + "|back|step back|take (?:that|it) back|ctrl ?\\+? ?z", m -> new Undo()),
            rule("redo(?: (?:that|it|this))?|go forward|forward|step forward|undo (?:the |that )?undo",
                    m -> new Redo()),
            rule("v ?(\\d{1,4})", m -> new GoTo("v" + m.group(1))),
            rule("(?:" + VERSION_VERB + " )?(?:the )?(?:version|number|#) ?(\\d{1,4})", m -> new GoTo(m.group(1))),
            rule(VERSION_VERB + " v(\\d{1,4})", m -> new GoTo("v" + m.group(1))),
            rule("(?:" + VERSION_VERB + " )?(\\d{1,4})", m -> new GoTo(m.group(1))),
            rule("(?:" + VERSION_VERB + " )?(?:the )?(?:very )?(?:original|first " + IMAGE_NOUN + ")(?: "
                    + IMAGE_NOUN + ")?(?: again)?", m -> new GoTo("original")),
            rule("(?:go back to|back to|return to|revert to|take me back to) (?:the )?(?:very )?(?:first|start|beginning)",
                    m -> new GoTo("original")),
            rule("(?:" + VERSION_VERB + " )?(?:the )?(?:previous(?: " + IMAGE_NOUN + ")?|one before)",
                    m -> new GoTo("previous")),
            rule("history|(?:show|list|see)(?: me)?(?: the| my)? (?:edit )?history|edit history|my history"
                    + "|(?:show|list|see)(?: me)?(?: all)?(?: the| my)? (?:versions|edits)|versions"
                    + "|what have (?:we|i|you) done(?: so far)?", m -> new History()),
            rule("start over|start again|start fresh|start from scratch|from scratch|new|new chat|new conversation"
                    + "|new session|reset|restart|begin again|clear (?:all|everything|the conversation|the chat)",
                    m -> new StartOver()),
            rule("cancel|stop|abort|halt|never ?mind|cancel (?:that|it|this|the job|the edit|the generation"
                    + "|the render|my request|everything)|stop (?:that|it|this|the job|the edit|the generation"
                    + "|generating|rendering)", m -> new Cancel()),
            rule("(?:clear|remove|drop|forget|reset|delete|unset|stop using|no more|no)(?: the| my| this)?"
                    + " (character|style)(?: reference| ref| image)?", m -> new ClearReference(kind(m.group(1)))),
            rule("(ref|character|style) (?:clear|off|none|reset|remove)", m -> new ClearReference(kind(m.group(1)))),
            rule("forget|forget me|forget (?:everything|all|all of it|all about me|about me|my data|my images"
                    + "|this conversation|me and my images)|delete (?:my data|my images|everything|all my data)"
                    + "|erase my data", m -> new Forget()),
            rule("help|start|\\?+|what can you do|how does (?:this|it) work|how do i use (?:this|you|it)"
                    + "|commands|(?:show|list)(?: me)?(?: the)? commands|help me|usage"
                    // Greetings and thanks are talk, not edits: answering with the help beats editing "thanks".
                    + "|hello(?: there)?|hi(?: there)?|hey(?: there)?|thanks|thank you|thx|ok|okay",
                    m -> new Help()),
            rule("try again|again|another one|another|one more(?: time)?|reroll|re-roll|re roll|retry|regenerate"
                    + "|(?:a )?(?:different|new|another) seed|(?:try|do it|do that|run it|roll) again"
                    + "(?: with a (?:different|new) seed)?|give me another(?: one)?|another (?:version|variation|take)"
                    + "|shuffle", m -> new Retry()),
            rule("ref|reference|character|(?:use|set|make|take|save|keep|remember) " + THIS_IMAGE
                    + "(?: image| picture| photo| one)? as (?:the |a |my |our )?(?:character|reference|character reference"
                    + "|ref|person|subject|face|model)(?: reference)?|(?:this|that|she|he) is (?:the|my|our) character"
                    + "|set (?:the )?character(?: reference)?|use (?:this|that) (?:character|person|face)",
                    m -> new SetReference(Kind.CHARACTER)),
            rule("style|(?:use|set|make|take|save|keep) " + THIS_IMAGE + "(?: image| picture| photo| one)? as"
                    + " (?:the |a |my |our )?style(?: reference)?|(?:make|do|render|paint|draw|redo) it in (?:the|this)"
                    + " style(?: of " + THIS_IMAGE + ")?|in the style of " + THIS_IMAGE
                    + "|(?:use|copy|match|apply|take) (?:this|that|the) style(?: of " + THIS_IMAGE + ")?"
                    + "|set (?:the )?style(?: reference)?|this style", m -> new SetReference(Kind.STYLE)));

    private final SettingsExtractor settings = new SettingsExtractor();

    public ParsedCommand parse(String text) {
        if (text == null || text.isBlank()) {
            return new Help();
        }
        String typed = text.strip();
        Matcher slash = SLASH_COMMAND.matcher(typed);
        if (slash.matches()) {
            return slashCommand(slash.group(1).toLowerCase(Locale.ROOT), slash.group(2) == null ? "" : slash.group(2).strip());
        }
        Optional<ParsedCommand> command = command(typed);
        if (command.isPresent()) {
            return command.get();
        }
        SettingsExtractor.Extracted extracted = settings.extract(typed);
        if (!extracted.settings().isEmpty()) {
            String rest = normalised(extracted.remainder());
            if (rest.isEmpty() || rest.matches("(?:set|use|with|using|change|change the|make it|go with|try|do)")) {
                return extracted.settings();
            }
            Optional<ParsedCommand> commandWithSettings = command(extracted.remainder());
            if (commandWithSettings.isPresent()) {
                // One tool call per turn: a command keeps its meaning, the settings it came with are not applied.
                return commandWithSettings.get();
            }
        }
        return new Instruction(extracted.remainder(), extracted.settings());
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
        if (command.isPresent()) {
            return command.get();
        }
        SettingsExtractor.Extracted extracted = settings.extract(whole);
        if (!extracted.settings().isEmpty() && normalised(extracted.remainder()).matches("(?:settings?|set)?")) {
            return extracted.settings();
        }
        return new Help();
    }

    private static Optional<ParsedCommand> command(String text) {
        // The words as typed first, so "hi there" is a greeting before "hi" is dropped as politeness.
        for (String n : List.of(plain(text), normalised(text))) {
            for (Rule rule : RULES) {
                Matcher m = rule.pattern().matcher(n);
                if (m.matches()) {
                    return Optional.of(rule.command().apply(m));
                }
            }
        }
        return Optional.empty();
    }

    /** Lower case, no slash, single spaces, no punctuation at the end. */
    private static String plain(String text) {
        String n = text.toLowerCase(Locale.ROOT).strip();
        n = n.replaceAll("^/", "").replaceAll("[\\s.!,;:]+$", "").replaceAll("[’`]", "'").replaceAll("\\s+", " ");
        return n.replaceAll("(?<=[^?\\s])\\s*\\?+$", "");
    }

    /** {@link #plain} without politeness: "please undo that, thanks" -> "undo that". */
    private static String normalised(String text) {
        String n = plain(text);
        String previous;
        do {
            previous = n;
            n = LEADING_FILLER.matcher(n).replaceFirst("");
            n = TRAILING_FILLER.matcher(n).replaceFirst("");
            n = n.replaceAll("^[\\s,]+|[\\s,.!]+$", "");
        } while (!n.equals(previous) && !n.isEmpty());
        // A message that is nothing but a greeting or "please" keeps its words, so "hi" still gets the help.
        return n.isEmpty() ? previous : n;
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

    private static Rule rule(String regex, Function<Matcher, ParsedCommand> command) {
        return new Rule(Pattern.compile(regex), command);
    }
}
