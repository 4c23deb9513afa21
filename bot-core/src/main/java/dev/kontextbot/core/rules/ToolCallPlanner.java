package dev.kontextbot.core.rules;

import dev.kontextbot.core.rules.ParsedCommand.Answer;
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
import dev.kontextbot.core.rules.ParsedCommand.Settings;
import dev.kontextbot.core.rules.ParsedCommand.StartOver;
import dev.kontextbot.core.rules.ParsedCommand.Undo;
import dev.kontextbot.core.rules.ParsedCommand.Unsure;
import dev.kontextbot.core.rules.ParsedCommand.Vary;
import dev.kontextbot.core.region.RegionWords;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a parsed message to the one tool call that does it. An instruction always becomes {@code edit_image}:
 * the rule-based mode cannot see whether the conversation has an image, and the tool generates when it has
 * none. The one exception is an instruction with an aspect ratio, which only means something for a new
 * picture (an edit keeps the input's size), so it becomes {@code generate_image}; and an instruction limited to an
 * area ("only the top-left quarter") becomes {@code edit_region}. Questions, small talk and introductions become
 * {@code answer}; words that may or may not be an edit become {@code ask_before_editing} (which creates at once when
 * there is no picture), and "yes" to that question edits with the words asked about.
 */
public final class ToolCallPlanner {

    private static final String ATTACHED = "attached";
    private static final RegionWords REGIONS = new RegionWords();
    private static final String CURRENT = "current";

    /**
     * @param command   what the text asked for
     * @param hasImages whether the message carries images
     */
    public PlannedToolCall plan(ParsedCommand command, boolean hasImages) {
        return plan(command, hasImages, Optional.empty());
    }

    /**
     * @param pending the edit the bot asked about in its last answer ("Edit the picture: 'a red car'?"), if any
     */
    public PlannedToolCall plan(ParsedCommand command, boolean hasImages, Optional<PendingEdit> pending) {
        return switch (command) {
            case Confirmation c when c.yes() && pending.isPresent() -> instruction(
                    new Instruction(pending.get().instruction(), pending.get().overrides()));
            case Confirmation c -> answer(pending.isPresent() ? AnswerTopic.DECLINED : AnswerTopic.ACKNOWLEDGED);
            case Answer a -> answer(a.topic());
            case Unsure u -> {
                Map<String, Object> arguments = new LinkedHashMap<>();
                arguments.put("instruction", u.text());
                arguments.putAll(settings(u.overrides(), false));
                yield call(ToolNames.ASK_BEFORE_EDITING, arguments);
            }
            case Undo u -> call(ToolNames.UNDO);
            case Redo r -> call(ToolNames.REDO);
            case GoTo g -> call(ToolNames.GO_TO_VERSION, Map.of("version", g.versionRef()));
            case History h -> call(ToolNames.SHOW_HISTORY);
            case StartOver s -> call(ToolNames.START_OVER);
            case Cancel c -> call(ToolNames.CANCEL_JOB);
            case Forget f -> call(ToolNames.FORGET_CONVERSATION);
            case Help h -> call(ToolNames.HELP);
            case Retry r -> call(ToolNames.RETRY_WITH_NEW_SEED);
            case ReAnchor r -> call(ToolNames.REANCHOR);
            case ParsedCommand.ReplayPath r -> call(ToolNames.REANCHOR_BY_REPLAY);
            case ParsedCommand.Pick p -> call(ToolNames.PICK_VARIATION, Map.of("number", p.number()));
            case Vary v -> v.count().isPresent() ? call(ToolNames.VARY, Map.of("count", v.count().getAsInt()))
                    : call(ToolNames.VARY);
            case SetReference s -> call(ToolNames.SET_REFERENCE,
                    ordered("kind", kind(s.kind()), "source", hasImages ? ATTACHED : CURRENT));
            case ClearReference c -> call(ToolNames.CLEAR_REFERENCE, Map.of("kind", kind(c.kind())));
            case Settings s -> call(ToolNames.UPDATE_SETTINGS, settings(s, true));
            case Instruction i -> instruction(i);
        };
    }

    private static PlannedToolCall answer(AnswerTopic topic) {
        return call(ToolNames.ANSWER, Map.of("topic", topic.key()));
    }

    /** A message with images and no words: keep the image and ask what to change. */
    public PlannedToolCall imageOnly() {
        return call(ToolNames.REMEMBER_IMAGE);
    }

    private static PlannedToolCall instruction(Instruction instruction) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        Settings overrides = instruction.overrides();
        if (overrides.aspect().isPresent()) {
            arguments.put("prompt", instruction.text());
            arguments.putAll(settings(overrides, true));
            return call(ToolNames.GENERATE_IMAGE, arguments);
        }
        Optional<RegionWords.Limited> limited = REGIONS.limited(instruction.text());
        arguments.put("instruction", limited.map(RegionWords.Limited::instruction).orElse(instruction.text()));
        limited.ifPresent(l -> arguments.put("area", l.areaWords()));
        arguments.putAll(settings(overrides, false));
        return call(limited.isPresent() ? ToolNames.EDIT_REGION : ToolNames.EDIT_IMAGE, arguments);
    }

    private static Map<String, Object> settings(Settings settings, boolean withAspect) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        settings.steps().ifPresent(v -> arguments.put("steps", v));
        settings.guidance().ifPresent(v -> arguments.put("guidance", v));
        settings.seed().ifPresent(v -> arguments.put("seed", v));
        if (withAspect) {
            settings.aspect().ifPresent(v -> arguments.put("aspect", v));
        }
        return arguments;
    }

    private static String kind(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    private static PlannedToolCall call(String name) {
        return new PlannedToolCall(name, Map.of());
    }

    private static PlannedToolCall call(String name, Map<String, Object> arguments) {
        return new PlannedToolCall(name, arguments);
    }
}
