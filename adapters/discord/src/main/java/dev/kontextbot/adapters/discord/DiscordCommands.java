package dev.kontextbot.adapters.discord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The application commands, independent of any Discord library: the slash commands and the message context menu
 * "Edit with Kontext". {@link #json()} is the body of Discord's bulk-overwrite call, exactly as registered (a test
 * holds it equal to what Javacord sends); {@code kontextbot discord commands} prints it without a token or network.
 */
public final class DiscordCommands {

    public static final String EDIT = "edit";
    public static final String IMAGINE = "imagine";
    public static final String UNDO = "undo";
    public static final String REDO = "redo";
    public static final String HISTORY = "history";
    public static final String RESET = "reset";
    public static final String REFERENCE = "reference";
    public static final String SETTINGS = "settings";
    public static final String CANCEL = "cancel";
    public static final String HELP = "help";
    /** Issue 16: an edit limited to one area, beside the words form ("only the top-left quarter: ..."). */
    public static final String REGION = "region";
    public static final String EDIT_WITH_KONTEXT = "Edit with Kontext";

    /** Option names, shared by the definitions and the text mapping. */
    public static final String IMAGE = "image";
    public static final String INSTRUCTION = "instruction";
    public static final String SEED = "seed";
    public static final String STEPS = "steps";
    public static final String PROMPT = "prompt";
    public static final String ASPECT = "aspect";
    public static final String KIND = "kind";
    public static final String GUIDANCE = "guidance";
    public static final String AREA = "area";

    /** The aspect ratios offered; the bot's rule parser understands each as "aspect W:H". */
    public static final List<String> ASPECTS = List.of("1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "21:9");

    /** Seeds the bot draws are below 2^32; Discord integers would allow more, the pipeline does not need them. */
    static final long MAX_SEED = 4_294_967_295L;
    static final long MAX_STEPS = 50;

    /** Discord's command kinds (the {@code type} field). */
    public enum CommandType {
        CHAT_INPUT(1), MESSAGE(3);

        private final int value;

        CommandType(int value) {
            this.value = value;
        }

        public int value() {
            return value;
        }
    }

    /** Discord's option types (the {@code type} field of an option). */
    public enum OptionType {
        STRING(3), INTEGER(4), NUMBER(10), ATTACHMENT(11);

        private final int value;

        OptionType(int value) {
            this.value = value;
        }

        public int value() {
            return value;
        }
    }

    public record Choice(String name, String value) {
    }

    /** One option; {@code min}/{@code max} apply to INTEGER (as whole numbers) and NUMBER options. */
    public record Option(String name, String description, OptionType type, boolean required, List<Choice> choices,
                         Optional<Double> min, Optional<Double> max) {
        public Option {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            choices = List.copyOf(choices);
        }

        static Option of(String name, String description, OptionType type, boolean required) {
            return new Option(name, description, type, required, List.of(), Optional.empty(), Optional.empty());
        }

        static Option range(String name, String description, OptionType type, double min, double max) {
            return new Option(name, description, type, false, List.of(), Optional.of(min), Optional.of(max));
        }

        static Option choice(String name, String description, boolean required, List<String> values) {
            return new Option(name, description, OptionType.STRING, required,
                    values.stream().map(v -> new Choice(v, v)).toList(), Optional.empty(), Optional.empty());
        }
    }

    /** A command; message context menus have no description and no options. */
    public record Command(String name, String description, CommandType type, List<Option> options) {
        public Command {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            options = List.copyOf(options);
        }
    }

    private final List<Command> commands;

    public DiscordCommands(List<Command> commands) {
        this.commands = List.copyOf(commands);
    }

    /** The commands KontextBot registers. */
    public static DiscordCommands standard() {
        Option seed = Option.range(SEED, "Seed for this edit, to repeat a result exactly", OptionType.INTEGER, 0,
                MAX_SEED);
        Option steps = Option.range(STEPS, "Sampling steps for this edit (28 is the default; fewer is faster)",
                OptionType.INTEGER, 1, MAX_STEPS);
        return new DiscordCommands(List.of(
                slash(EDIT, "Edit a picture: attach it and say what to change",
                        Option.of(IMAGE, "The picture to edit", OptionType.ATTACHMENT, true),
                        Option.of(INSTRUCTION, "What to change, e.g. make the sky blue", OptionType.STRING, true),
                        seed, steps),
                slash(IMAGINE, "Make a new picture from a description",
                        Option.of(PROMPT, "What the picture shows", OptionType.STRING, true),
                        Option.choice(ASPECT, "Aspect ratio (width:height)", false, ASPECTS)),
                slash(UNDO, "Go back to the version before the current one"),
                slash(REDO, "Bring back the version you undid"),
                slash(HISTORY, "List the versions of this conversation"),
                slash(RESET, "Start over: the next picture begins a new edit history"),
                slash(REFERENCE, "Use a picture as the character or style reference for later edits",
                        Option.choice(KIND, "Keep this character, or this style", true, List.of("character", "style")),
                        Option.of(IMAGE, "The reference picture (else the current image)", OptionType.ATTACHMENT,
                                false)),
                slash(SETTINGS, "Change the settings of later edits",
                        Option.range(STEPS, "Sampling steps (28 is the default; fewer is faster)", OptionType.INTEGER,
                                1, MAX_STEPS),
                        Option.range(GUIDANCE, "Guidance: how strongly to follow the instruction (2.5 default)",
                                OptionType.NUMBER, 1, 10),
                        Option.range(SEED, "Seed for every edit; -1 for a new random seed each time",
                                OptionType.INTEGER, -1, MAX_SEED),
                        Option.choice(ASPECT, "Aspect ratio of new pictures (width:height)", false, ASPECTS)),
                slash(CANCEL, "Cancel your running or queued job"),
                slash(HELP, "How to use this bot"),
                slash(REGION, "Edit only one area of the current picture; everything outside stays as it is",
                        Option.of(AREA, "Where: top-left quarter, left half, middle, top third, or pixels X,Y,W,H",
                                OptionType.STRING, true),
                        Option.of(INSTRUCTION, "What to change there, e.g. add a bird", OptionType.STRING, true)),
                new Command(EDIT_WITH_KONTEXT, "", CommandType.MESSAGE, List.of())));
    }

    private static Command slash(String name, String description, Option... options) {
        return new Command(name, description, CommandType.CHAT_INPUT, List.of(options));
    }

    public List<Command> commands() {
        return commands;
    }

    public Optional<Command> find(String name) {
        return commands.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The JSON array registered with Discord, pretty-printed. */
    public String json() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        try {
            return mapper.writeValueAsString(tree(mapper));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("command JSON", e);
        }
    }

    /** The same JSON as a tree, for comparison with what a library sends. */
    public ArrayNode tree(ObjectMapper mapper) {
        ArrayNode array = mapper.createArrayNode();
        for (Command command : commands) {
            ObjectNode node = array.addObject();
            node.put("name", command.name());
            if (command.type() == CommandType.MESSAGE) {
                node.putNull("description");
            } else {
                node.put("description", command.description());
            }
            // Javacord states its defaults explicitly: usable by everyone, also in direct messages, not age-gated.
            node.putNull("default_member_permissions");
            node.put("dm_permission", true);
            node.put("nsfw", false);
            node.put("type", command.type().value());
            if (!command.options().isEmpty()) {
                ArrayNode options = node.putArray("options");
                command.options().forEach(option -> option(options.addObject(), option));
            }
        }
        return array;
    }

    private static void option(ObjectNode node, Option option) {
        node.put("type", option.type().value());
        node.put("name", option.name());
        node.put("description", option.description());
        node.put("required", option.required());
        node.put("autocomplete", false);
        if (!option.choices().isEmpty()) {
            ArrayNode choices = node.putArray("choices");
            option.choices().forEach(c -> choices.addObject().put("name", c.name()).put("value", c.value()));
        }
        option.min().ifPresent(min -> putNumber(node, "min_value", option.type(), min));
        option.max().ifPresent(max -> putNumber(node, "max_value", option.type(), max));
    }

    private static void putNumber(ObjectNode node, String field, OptionType type, double value) {
        if (type == OptionType.INTEGER) {
            node.put(field, (long) value);
        } else {
            node.put(field, value);
        }
    }
}
