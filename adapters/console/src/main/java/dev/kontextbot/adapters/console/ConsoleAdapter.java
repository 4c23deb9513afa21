package dev.kontextbot.adapters.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kontextbot.core.chat.Attachment;
import dev.kontextbot.core.chat.ChatEvent;
import dev.kontextbot.core.chat.ChatOrigin;
import dev.kontextbot.core.chat.ChatPlatform;
import dev.kontextbot.core.chat.ChatUser;
import dev.kontextbot.core.chat.KontextBot;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReplyTarget;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The terminal adapter behind {@code kontextbot chat}: one private conversation on platform "console". In script
 * mode each line waits for the jobs it queued, so "undo" never overtakes the edit it undoes.
 */
public final class ConsoleAdapter implements ChatPlatform {

    public static final String PLATFORM = "console";
    private static final Set<String> LEAVE_WORDS = Set.of("/quit", "quit", "exit", "/exit");

    private final KontextBot bot;
    private final ConsoleOptions options;
    private final ReplyPrinter printer;
    private final PrintWriter err;
    private final ObjectMapper json = new ObjectMapper();
    private final ChatOrigin origin;
    private final Set<String> pendingJobs = new HashSet<>();

    public ConsoleAdapter(KontextBot bot, ConsoleOptions options, PrintWriter out, PrintWriter err, String userName) {
        this.bot = bot;
        this.options = options;
        this.err = err;
        this.printer = new ReplyPrinter(out, options.json(), options.outDir(), json);
        this.origin = ChatOrigin.privateChat(PLATFORM, "local", new ChatUser(userName, userName, true));
    }

    @Override
    public String name() {
        return PLATFORM;
    }

    /** The terminal is this process's own. */
    @Override
    public boolean repliesNeedThisProcess() {
        return true;
    }

    @Override
    public Optional<String> deliver(ReplyTarget target, Reply reply) {
        return show(reply);
    }

    /** Reads messages until the end of input (a script file, or stdin interactively); returns an exit code. */
    public int run(Reader interactiveInput) throws IOException {
        bot.register(this);
        boolean scripted = options.script().isPresent();
        Path baseDir = options.script().map(p -> p.toAbsolutePath().getParent()).orElse(Path.of("").toAbsolutePath());
        try (BufferedReader reader = scripted
                ? Files.newBufferedReader(options.script().get(), StandardCharsets.UTF_8)
                : new BufferedReader(interactiveInput)) {
            if (!scripted && !options.json()) {
                err.println((bot.info().standIn()
                        ? "KontextBot chat (stand-in model: pictures are not real edits). "
                        : "KontextBot chat. ")
                        + "Type a message, /image PATH to send a picture, /quit (or Ctrl-D) to leave.");
                err.flush();
            }
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.stripLeading().startsWith("#")) {
                    continue;
                }
                if (isLeaveWord(line)) {
                    break;
                }
                send(line, baseDir, scripted);
            }
        }
        if (!scripted) {
            awaitJobs(options.jobTimeout());
        }
        return 0;
    }

    /**
     * Whether the line asks to leave the chat rather than talk to the bot: /quit, quit or exit, alone on the line.
     * (The bot itself would answer them with its help text.)
     */
    static boolean isLeaveWord(String line) {
        return LEAVE_WORDS.contains(line.strip().toLowerCase(Locale.ROOT));
    }

    private void send(String line, Path baseDir, boolean waitForJobs) {
        ScriptLine parsed;
        try {
            parsed = ScriptLine.parse(line, baseDir, json);
        } catch (ScriptLine.InvalidLineException e) {
            printer.print(new Reply.Error("invalid_input", e.getMessage()));
            return;
        }
        List<Attachment> attachments = new ArrayList<>();
        parsed.images().forEach(path -> attachments.add(new FileAttachment(path)));
        ChatEvent event = new ChatEvent(origin, Optional.empty(), parsed.text(), attachments, parsed.replyTo(),
                Optional.empty());
        bot.onMessage(event, this::show).join();
        if (waitForJobs && !awaitJobs(options.jobTimeout())) {
            printer.print(new Reply.Error("timeout", "The job did not finish within "
                    + options.jobTimeout().toSeconds() + " s; moving on."));
        }
    }

    private Optional<String> show(Reply reply) {
        synchronized (pendingJobs) {
            switch (reply) {
                case Reply.Queued queued -> pendingJobs.add(queued.jobId());
                case Reply.Image image -> image.jobId().ifPresent(pendingJobs::remove);
                case Reply.Variations variations -> variations.jobId().ifPresent(pendingJobs::remove);
                case Reply.Error error -> error.jobId().ifPresent(pendingJobs::remove);
                default -> { }
            }
            pendingJobs.notifyAll();
        }
        printer.print(reply);
        // The version id doubles as the console's message id, so {"reply_to": version} edits from that version.
        return reply instanceof Reply.Image image ? Optional.of(image.versionId()) : Optional.empty();
    }

    private boolean awaitJobs(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        synchronized (pendingJobs) {
            while (!pendingJobs.isEmpty()) {
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    pendingJobs.clear();
                    return false;
                }
                try {
                    pendingJobs.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /** Reads from standard input. */
    public int runInteractive() throws IOException {
        return run(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }
}
