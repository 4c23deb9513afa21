package dev.kontextbot.adapters.telegram;

import dev.kontextbot.core.chat.ChatPlatform;
import dev.kontextbot.core.chat.KontextBot;
import dev.kontextbot.core.chat.Reply;
import dev.kontextbot.core.chat.ReplySink;
import dev.kontextbot.core.chat.ReplyTarget;
import dev.kontextbot.core.chat.ReviewDesk;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.ActionType;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The Telegram front end (platform "telegram"): long polling by default, a webhook when one is configured. Each
 * update is mapped and handed to the bot at once (its calls return immediately; image work runs elsewhere);
 * replies of the turn and late replies of jobs are rendered by {@link ReplyRenderer}.
 */
public final class TelegramAdapter implements ChatPlatform, AutoCloseable {

    public static final String PLATFORM = UpdateMapper.PLATFORM;
    static final List<String> ALLOWED_UPDATES = List.of("message", "callback_query");
    /** Seconds a getUpdates call may wait for news on the server (the library's HTTP client allows 75). */
    static final int POLL_TIMEOUT_SECONDS = 50;

    private static final Logger LOG = LoggerFactory.getLogger(TelegramAdapter.class);

    private final TelegramOptions options;
    private final KontextBot bot;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration albumWindow;
    private final Redactor redactor;

    private volatile TelegramClient client;
    private volatile ReplyRenderer renderer;
    private volatile UpdateMapper mapper;
    private volatile AlbumCollector albums;
    private volatile ChatLanes lanes;
    private volatile ExecutorService laneExecutor;
    private ScheduledExecutorService timer;
    private TelegramBotsLongPollingApplication polling;
    private WebhookReceiver webhook;
    private boolean registered;
    private volatile Object pollingSession;

    public TelegramAdapter(TelegramOptions options, KontextBot bot) {
        this(options, bot, Clock.systemUTC(), Sleeper.REAL, AlbumCollector.DEFAULT_WINDOW);
    }

    /** For tests: a controllable clock for the throttling, a sleeper for flood waits, the album window. */
    TelegramAdapter(TelegramOptions options, KontextBot bot, Clock clock, Sleeper sleeper, Duration albumWindow) {
        this.options = options;
        this.bot = bot;
        this.clock = clock;
        this.sleeper = sleeper;
        this.albumWindow = albumWindow;
        this.redactor = new Redactor(options.token());
    }

    @Override
    public String name() {
        return PLATFORM;
    }

    /** Connects: checks the token (getMe), registers the commands, then polls or serves the webhook. */
    public synchronized void start() throws TelegramStartException {
        if (client != null) {
            return;
        }
        TelegramUrl telegramUrl = telegramUrl(options.apiUrl());
        OkHttpTelegramClient okClient = new OkHttpTelegramClient(options.token(), telegramUrl);
        BotApiCalls apiCalls = new BotApiCalls(clock, sleeper, redactor);
        User me;
        try {
            me = okClient.execute(GetMe.builder().build());
        } catch (TelegramApiException e) {
            boolean refused = e instanceof TelegramApiRequestException request && request.getErrorCode() != null
                    && (request.getErrorCode() == 401 || request.getErrorCode() == 404);
            throw new TelegramStartException(refused
                    ? "Telegram refused the bot token: check TELEGRAM_BOT_TOKEN (BotFather's /token shows it)."
                    : "Could not reach the Telegram Bot API at " + options.apiUrl() + ": "
                    + redactor.redact(e.getMessage()));
        }
        FileDownloader downloader = new FileDownloader(okClient, apiCalls, options.apiUrl(), options.token(), redactor);
        this.mapper = new UpdateMapper(options, new BotIdentity(me.getId(), me.getUserName()), downloader);
        this.renderer = new ReplyRenderer(okClient, apiCalls, new JobStatuses(), clock);
        this.laneExecutor = Executors.newVirtualThreadPerTaskExecutor();
        this.lanes = new ChatLanes(laneExecutor, redactor);
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("telegram-timer")
                .factory());
        this.albums = new AlbumCollector(albumWindow, timer, this::dispatch);
        ReplyRenderer chatActions = renderer;
        timer.scheduleWithFixedDelay(() -> laneExecutor().ifPresent(executor -> executor.execute(
                chatActions::renewChatActions)), 1, 1, TimeUnit.SECONDS);
        this.client = okClient;
        registerCommands(okClient);
        if (!registered) {
            bot.register(this); // once per adapter: a restart after stop() must not deliver everything twice
            bot.onFlagged(this::tellAdmins);
            registered = true;
        }
        try {
            if (options.webhookUrl().isPresent()) {
                startWebhook(okClient, options.webhookUrl().get());
            } else {
                startPolling(telegramUrl);
            }
        } catch (TelegramStartException e) {
            stop();
            throw e;
        }
        LOG.info("Telegram adapter started as @{} ({}, API {})", me.getUserName(),
                webhook != null ? "webhook" : "long polling", options.apiUrl());
    }

    /** Stops receiving updates. A webhook stays registered, so Telegram keeps updates until the next start. */
    public synchronized void stop() {
        pollingSession = null;
        if (polling != null) {
            try {
                polling.close();
            } catch (Exception e) {
                LOG.debug("Long polling did not stop cleanly: {}", redactor.describe(e));
            }
            polling = null;
        }
        if (webhook != null) {
            webhook.close();
            webhook = null;
        }
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        if (laneExecutor != null) {
            laneExecutor.shutdown();
            laneExecutor = null;
        }
        mapper = null;
        renderer = null;
        client = null;
    }

    @Override
    public void close() {
        stop();
    }

    private Optional<ExecutorService> laneExecutor() {
        return Optional.ofNullable(laneExecutor);
    }

    /** The port the webhook receiver listens on, when in webhook mode and started. */
    Optional<Integer> webhookPort() {
        WebhookReceiver receiver = webhook;
        return receiver == null ? Optional.empty() : Optional.of(receiver.port());
    }

    @Override
    public Optional<String> deliver(ReplyTarget target, Reply reply) {
        ReplyRenderer current = renderer;
        if (current == null || !PLATFORM.equals(target.platform())) {
            return Optional.empty();
        }
        Destination destination = new Destination(target.chatId(), target.threadId().flatMap(TelegramAdapter::number),
                target.replyToMessageId().flatMap(TelegramAdapter::number));
        return current.render(destination, reply);
    }

    /** A safety notice to each admin's private chat with the bot, off the flagging thread. */
    private void tellAdmins(ReviewDesk.Entry entry) {
        for (long admin : options.admins()) {
            Thread.ofVirtual().name("telegram-review-notice").start(() -> deliver(new ReplyTarget(PLATFORM,
                    Long.toString(admin), Optional.empty(), Long.toString(admin), Optional.empty(), Optional.empty()),
                    new Reply.Text(entry.notice())));
        }
    }

    /** One update from polling or the webhook: mapped at once, the rest handed to the chat's lane. */
    void handle(Update update) {
        UpdateMapper currentMapper = mapper;
        if (currentMapper == null) {
            return;
        }
        Incoming incoming;
        try {
            incoming = currentMapper.map(update);
        } catch (RuntimeException e) {
            LOG.warn("Could not read update {}: {}", update.getUpdateId(), e.toString());
            return;
        }
        try {
            switch (incoming) {
                case Incoming.Message message -> albums.accept(message);
                case Incoming.Button button -> {
                    ReplySink answer = sink(button.destination());
                    lanes.submit(button.destination().chatId(), () -> {
                        answerCallback(button.callbackQueryId());
                        bot.onButton(button.press(), answer);
                    });
                }
                case Incoming.Refusal refusal -> {
                    ReplySink answer = sink(refusal.destination());
                    lanes.submit(refusal.destination().chatId(), () -> answer.send(new Reply.Text(refusal.text())));
                }
                case Incoming.Ignored ignored -> {
                    LOG.debug("Update {} ignored: {}", update.getUpdateId(), ignored.why());
                    ignored.callbackQueryId().ifPresent(id -> laneExecutor.execute(() -> answerCallback(id)));
                }
            }
        } catch (RuntimeException e) {
            // Only while stopping: the lanes are shut and the update is dropped.
            LOG.debug("Update {} not handled: {}", update.getUpdateId(), e.toString());
        }
    }

    private void dispatch(Incoming.Message message) {
        ReplyRenderer current = renderer;
        lanes.submit(message.destination().chatId(), () -> {
            boolean command = message.event().text().startsWith("/");
            current.chatAction(message.destination(), command ? ActionType.TYPING : ActionType.UPLOAD_PHOTO);
            ReplySink answer = reply -> current.render(message.destination(), reply);
            bot.onMessage(message.event(), answer).exceptionally(error -> {
                LOG.warn("A turn in chat {} failed: {}", message.destination().chatId(), error.toString());
                return null;
            });
        });
    }

    /** Replies of one turn; the renderer is captured so a turn that ends after stop() still finishes cleanly. */
    private ReplySink sink(Destination destination) {
        ReplyRenderer current = renderer;
        return reply -> current.render(destination, reply);
    }

    /** Stops the client's spinner; done before the work, and even for presses the bot will not act on. */
    private void answerCallback(String callbackQueryId) {
        try {
            client.execute(AnswerCallbackQuery.builder().callbackQueryId(callbackQueryId).build());
        } catch (TelegramApiException e) {
            LOG.debug("answerCallbackQuery failed: {}", redactor.redact(e.getMessage()));
        }
    }

    private void registerCommands(TelegramClient telegram) {
        try {
            telegram.execute(SetMyCommands.builder().commands(BotCommands.ALL).build());
        } catch (TelegramApiException e) {
            LOG.warn("Could not register the command list (the bot still understands them): {}",
                    redactor.redact(e.getMessage()));
        }
    }

    private void startPolling(TelegramUrl telegramUrl) throws TelegramStartException {
        try {
            // The library's session first deletes any webhook left over (getUpdates answers 409 while one is set).
            // Closing the library's session lets a poll in flight finish and hand over its updates; only the
            // session of the current start may pass them on.
            Object session = new Object();
            pollingSession = session;
            polling = new TelegramBotsLongPollingApplication();
            polling.registerBot(options.token(), () -> telegramUrl, offset -> GetUpdates.builder()
                    .offset(offset + 1).limit(100).timeout(POLL_TIMEOUT_SECONDS).allowedUpdates(ALLOWED_UPDATES)
                    .build(), updates -> {
                        if (pollingSession == session) {
                            updates.forEach(this::handle);
                        }
                    });
            if (!polling.isRunning()) {
                polling.start();
            }
        } catch (TelegramApiException e) {
            throw new TelegramStartException("Could not start long polling: " + redactor.redact(e.getMessage()));
        }
    }

    private void startWebhook(TelegramClient telegram, URI url) throws TelegramStartException {
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
        webhook = new WebhookReceiver(options.webhookBindOrDefault(), url.getPath(), secret, this::handle);
        try {
            webhook.start();
        } catch (IOException e) {
            throw new TelegramStartException("Could not listen for the Telegram webhook on "
                    + options.webhookBindOrDefault() + ": " + e.getMessage(), e);
        }
        try {
            telegram.execute(SetWebhook.builder().url(url.toString()).secretToken(secret)
                    .allowedUpdates(ALLOWED_UPDATES).build());
        } catch (TelegramApiException e) {
            throw new TelegramStartException("Telegram did not accept the webhook " + url + ": "
                    + redactor.redact(e.getMessage()));
        }
    }

    static TelegramUrl telegramUrl(URI apiUrl) {
        int port = apiUrl.getPort() != -1 ? apiUrl.getPort() : "https".equals(apiUrl.getScheme()) ? 443 : 80;
        return new TelegramUrl(apiUrl.getScheme(), apiUrl.getHost(), port, false);
    }

    private static Optional<Integer> number(String id) {
        try {
            return Optional.of(Integer.parseInt(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
