package dev.kontextbot.core.rules;

import dev.kontextbot.core.rules.IntentRules.Named;
import dev.kontextbot.core.rules.ParsedCommand.Answer;
import dev.kontextbot.core.rules.ParsedCommand.Instruction;
import dev.kontextbot.core.rules.ParsedCommand.Settings;
import dev.kontextbot.core.rules.ParsedCommand.Unsure;
import dev.kontextbot.core.region.KeepUntouched;
import dev.kontextbot.core.region.RegionWords;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides what a message that is no command is: an edit (an instruction about the picture, however politely put),
 * a question about the bot or the picture, small talk, the introduction of a picture, or words that may or may
 * not be an edit. Only edits become jobs; the rest is answered, or asked about.
 *
 * <p>In this order: a question (a "?" or a question word first) is an edit when it is a polite request whose
 * words open with an edit verb ("can you make it look like a Van Gogh painting?"), words to ask about when it
 * wonders ("what if the sky were orange?"), and otherwise answered by its topic. A statement is an edit when it
 * opens with an edit verb or reads as one without a verb ("darker", "without the car", "I want the car green"),
 * the introduction of a picture ("here is my cat"), or else words to ask about ("a red car").
 */
final class MessageClassifier {

    private static final RegionWords REGIONS = new RegionWords();
    /** "only the sign: make it say 'OPEN'": an object named first, the edit after it (kept local by the service). */
    private static final Pattern OBJECT_FIRST = Pattern.compile(
            "(?i)^(?:only|just) " + KeepUntouched.NAMED_OBJECT + "\\s*[:,-]\\s*(?<rest>\\S.*)$");
    private static final Pattern CLAUSES = Pattern.compile("\\s*[,.!;]+\\s*|\\s+and\\s+|\\s+-\\s+");

    private final MessageNormalizer wording;
    private final Pattern questionStart;
    private final Pattern polite;
    private final Pattern wondering;
    private final List<Named> topics;
    private final List<Named> talk;
    private final Pattern editVerb;
    private final Pattern fragment;
    private final Pattern comparative;
    private final Pattern notComparative;
    private final Pattern introduction;
    private final Pattern introductionWithPicture;
    private final Pattern introductionBeforeCommands;

    MessageClassifier(IntentRules language, MessageNormalizer wording) {
        this.wording = wording;
        this.questionStart = Pattern.compile("^(?:" + language.required("question.start").pattern() + ")\\b");
        this.polite = Pattern.compile("(?i)^(?:(?:" + language.required("question.polite").pattern() + ")\\b[\\s,]*)+");
        this.wondering = Pattern.compile("^(?:" + language.required("unsure").pattern() + ")\\b\\s*");
        this.topics = language.all("topic.");
        this.talk = language.all("talk.");
        this.editVerb = Pattern.compile("^(?:" + language.required("edit.verb").pattern() + ")\\b(?! of\\b)\\s*\\S");
        this.fragment = language.required("edit.fragment");
        this.comparative = language.required("edit.comparative");
        this.notComparative = language.required("not.comparative");
        this.introduction = language.required("introduction");
        this.introductionWithPicture = language.required("introduction.with.picture");
        this.introductionBeforeCommands = language.required("introduction.before.commands");
    }

    /** With a picture attached, words that introduce it though they would otherwise be a command ("the original"). */
    boolean introducesBeforeCommands(String typed, boolean withPicture) {
        return withPicture && introductionBeforeCommands.matcher(wording.normalised(typed)).matches();
    }

    /** A message made only of greetings, thanks, praise or goodbyes: the topic of its first phrase. */
    Optional<ParsedCommand> smallTalk(String typed) {
        String[] clauses = Arrays.stream(CLAUSES.split(MessageNormalizer.plain(typed).replaceAll("\\?+$", "")))
                .filter(c -> !c.isBlank()).toArray(String[]::new);
        if (clauses.length == 0) {
            return Optional.empty();
        }
        Optional<AnswerTopic> first = Optional.empty();
        for (String clause : clauses) {
            Optional<AnswerTopic> topic = talk.stream().filter(t -> t.pattern().matcher(clause).matches()).findFirst()
                    .flatMap(t -> AnswerTopic.of(t.name()));
            if (topic.isEmpty()) {
                return Optional.empty();
            }
            first = first.or(() -> topic);
        }
        return first.map(Answer::new);
    }

    /**
     * @param typed       the message as sent
     * @param remainder   the message without its settings ("with 30 steps")
     * @param withPicture whether the message carries a picture
     */
    ParsedCommand classify(String typed, String remainder, Settings settings, boolean withPicture) {
        String plain = MessageNormalizer.plain(typed);
        String words = wording.normalised(remainder);
        boolean question = typed.strip().endsWith("?") || questionStart.matcher(plain).find();
        if (question) {
            Matcher wonders = wondering.matcher(MessageNormalizer.plain(remainder));
            if (wonders.find()) {
                String proposal = MessageNormalizer.plain(remainder).substring(wonders.end()).strip();
                return new Unsure(proposal.isEmpty() ? instruction(remainder) : proposal, settings);
            }
            Optional<AnswerTopic> topic = topic(plain);
            boolean asksToEdit = polite.matcher(plain).lookingAt() || !questionStart.matcher(plain).find();
            if (asksToEdit && opensAnEdit(words) && topic.filter(t -> t == AnswerTopic.CAPABILITIES).isEmpty()) {
                return new Instruction(instruction(remainder), settings);
            }
            return new Answer(topic.orElse(AnswerTopic.OTHER));
        }
        if (opensAnEdit(words)) {
            return new Instruction(instruction(remainder), settings);
        }
        if (introduction.matcher(words).matches() || withPicture && introductionWithPicture.matcher(words).matches()) {
            return new Answer(AnswerTopic.INTRODUCTION);
        }
        return new Unsure(instruction(remainder), settings);
    }

    private boolean opensAnEdit(String words) {
        // "only the top-left quarter: make the sky red" opens with its area; the edit is what follows it.
        Optional<RegionWords.Limited> limited = REGIONS.limited(words);
        if (limited.isPresent() && !limited.get().instruction().equals(words)) {
            return opensAnEdit(wording.normalised(limited.get().instruction()));
        }
        Matcher objectFirst = OBJECT_FIRST.matcher(words);
        if (objectFirst.matches()) {
            return opensAnEdit(wording.normalised(objectFirst.group("rest")));
        }
        if (editVerb.matcher(words).find() || fragment.matcher(words).matches()) {
            return true;
        }
        Matcher more = comparative.matcher(words);
        if (more.matches()) {
            return !notComparative.matcher(more.group(1)).matches();
        }
        return false;
    }

    private Optional<AnswerTopic> topic(String plain) {
        return topics.stream().filter(t -> t.pattern().matcher(plain).find()).findFirst()
                .flatMap(t -> AnswerTopic.of(t.name()));
    }

    /** The words to send: without a polite opening ("could you ...") or a closing question mark, case kept. */
    private String instruction(String remainder) {
        String text = polite.matcher(remainder.strip()).replaceFirst("");
        return text.replaceAll("[\\s?]+$", "").strip();
    }
}
