package dev.kontextbot.deploy.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.kontextbot.deploy.config.KontextConfig;
import dev.kontextbot.deploy.config.LogFormat;
import dev.kontextbot.deploy.config.SecretMasker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Applies the loaded configuration to Logback: the secrets to mask, LOG_FORMAT and LOG_LEVEL. Until it runs,
 * logback.xml's console appender (text, token shapes masked) is in place.
 */
public final class LogSetup {

    /** Same as logback.xml: time, level, logger, the conversation id from MDC {@code conv} when present. */
    public static final String TEXT_PATTERN =
            "%d{HH:mm:ss.SSS} %-5level %logger{24}%replace( [conv %X{conv}]){' \\[conv \\]', ''} - %msg%n";
    private static final String APPENDER = "console";
    private static final String FILE_APPENDER = "file";

    private LogSetup() {
    }

    public static void apply(KontextConfig config) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J backend: nothing of ours to configure
        }
        context.putObject(MaskingEncoder.MASKER_KEY, SecretMasker.of(config));
        Level level = Level.toLevel(config.logLevel().toUpperCase(Locale.ROOT), Level.INFO);
        context.getLogger("dev.kontextbot").setLevel(level);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setName(APPENDER);
        root.addAppender(started(appender, config, context));
    }

    /**
     * For the terminal chat: the whole log goes to {@code file} (appended), and only errors reach the terminal, on
     * stderr, so that the conversation is not interleaved with job logs. (Warnings stay in the file: the expected
     * ones, such as "this is the stand-in model", the chat says in its own words.) Call after {@link #apply}.
     */
    public static void useFileAndErrorsOnStandardError(KontextConfig config, Path file) throws IOException {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();

        FileAppender<ILoggingEvent> toFile = new FileAppender<>();
        toFile.setName(FILE_APPENDER);
        toFile.setFile(file.toAbsolutePath().toString());
        toFile.setAppend(true);
        root.addAppender(started(toFile, config, context));

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setName(APPENDER);
        console.setTarget("System.err");
        ThresholdFilter errors = new ThresholdFilter();
        errors.setLevel(Level.ERROR.levelStr);
        errors.setContext(context);
        errors.start();
        console.addFilter(errors);
        root.addAppender(started(console, config, context));
    }

    private static <A extends OutputStreamAppender<ILoggingEvent>> A started(A appender, KontextConfig config,
            LoggerContext context) {
        appender.setContext(context);
        MaskingEncoder<ILoggingEvent> masking = new MaskingEncoder<>();
        masking.setContext(context);
        masking.setDelegate(format(config.logFormat(), context));
        masking.start();
        appender.setEncoder(masking);
        appender.start();
        return appender;
    }

    private static Encoder<ILoggingEvent> format(LogFormat format, LoggerContext context) {
        return switch (format) {
            case JSON -> {
                JsonEncoder json = new JsonEncoder();
                json.setContext(context);
                // One readable message per line; the template and arguments apart are noise for a log collector.
                json.setWithFormattedMessage(true);
                json.setWithMessage(false);
                json.setWithArguments(false);
                json.setWithContext(false);
                json.setWithSequenceNumber(false);
                json.setWithNanoseconds(false);
                yield json;
            }
            case TEXT -> {
                PatternLayoutEncoder text = new PatternLayoutEncoder();
                text.setContext(context);
                text.setPattern(TEXT_PATTERN);
                yield text;
            }
        };
    }
}
