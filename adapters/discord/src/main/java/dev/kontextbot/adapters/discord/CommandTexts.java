package dev.kontextbot.adapters.discord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a slash command into the chat text the bot's agent reads. The phrasings are the ones bot-core's rule parser
 * maps to the intended command (a test holds each one to it), and read naturally for a language model too:
 * {@code /edit} and the modal become {@code "/edit <instruction>, seed 42, steps 20"}, {@code /reset} becomes
 * {@code "/new"}, {@code /reference kind:style} becomes {@code "use this as the style"}, {@code /region
 * area:top-left quarter instruction:add a bird} becomes {@code "/region top-left quarter add a bird"}.
 */
public final class CommandTexts {

    /** Text for the "Edit with Kontext" modal: the instruction as an explicit edit, so "undo" stays an edit. */
    public String editInstruction(String instruction) {
        return "/edit " + instruction.strip();
    }

    /**
     * @throws IllegalArgumentException for a command this adapter does not define (Discord only sends registered
     *                                  ones, so this means stale registrations: re-register the commands)
     */
    public String text(String command, CommandArguments args) {
        return switch (command) {
            case DiscordCommands.EDIT -> withSettings("/edit " + args.string(DiscordCommands.INSTRUCTION).orElse(""),
                    settings(args, false));
            case DiscordCommands.IMAGINE -> withSettings("/imagine " + args.string(DiscordCommands.PROMPT).orElse(""),
                    args.string(DiscordCommands.ASPECT).map(a -> List.of("aspect " + a)).orElse(List.of()));
            case DiscordCommands.UNDO -> "/undo";
            case DiscordCommands.REDO -> "/redo";
            case DiscordCommands.HISTORY -> "/history";
            case DiscordCommands.RESET -> "/new";
            case DiscordCommands.CANCEL -> "/cancel";
            case DiscordCommands.HELP -> "/help";
            // The same words as typing "/region top-left quarter add a bird" in any chat.
            case DiscordCommands.REGION -> "/region " + args.string(DiscordCommands.AREA).orElse("").strip() + " "
                    + args.string(DiscordCommands.INSTRUCTION).orElse("").strip();
            case DiscordCommands.REFERENCE -> "use this as the "
                    + (args.string(DiscordCommands.KIND).map(k -> k.toLowerCase(Locale.ROOT)).filter("style"::equals)
                    .isPresent() ? "style" : "character");
            case DiscordCommands.SETTINGS -> {
                List<String> parts = settings(args, true);
                // No option asks to see them: the agent's update_settings shows them (the rule mode answers with help).
                yield parts.isEmpty() ? "/settings" : "/settings " + String.join(", ", parts);
            }
            default -> throw new IllegalArgumentException("unknown command /" + command);
        };
    }

    private static List<String> settings(CommandArguments args, boolean withAspectAndGuidance) {
        List<String> parts = new ArrayList<>();
        args.integer(DiscordCommands.STEPS).ifPresent(s -> parts.add("steps " + s));
        if (withAspectAndGuidance) {
            args.number(DiscordCommands.GUIDANCE).ifPresent(g -> parts.add("guidance " + plain(g)));
        }
        args.integer(DiscordCommands.SEED).ifPresent(s -> parts.add(s < 0 ? "seed random" : "seed " + s));
        if (withAspectAndGuidance) {
            args.string(DiscordCommands.ASPECT).ifPresent(a -> parts.add("aspect " + a));
        }
        return parts;
    }

    private static String withSettings(String text, List<String> settings) {
        return settings.isEmpty() ? text : text + ", " + String.join(", ", settings);
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
