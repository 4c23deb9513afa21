package dev.kontextbot.deploy.doctor;

import dev.kontextbot.deploy.config.KontextConfig;
import java.util.List;

/**
 * The chat tokens: present and well-formed (the configuration validated their shape; malformed ones never
 * get this far). Shows the Telegram bot id, which is public, never the secret part.
 */
final class ChatTokenCheck implements Check {

    private final KontextConfig config;

    ChatTokenCheck(KontextConfig config) {
        this.config = config;
    }

    @Override
    public List<CheckResult> run() {
        CheckResult discord = config.discordToken().isPresent()
                ? CheckResult.ok("discord", "token well-formed: the Discord adapter is on")
                : CheckResult.ok("discord", "off (DISCORD_TOKEN not set)");
        CheckResult telegram = config.telegramBotToken()
                .map(token -> CheckResult.ok("telegram", "token well-formed (bot id " + token.substring(0, token.indexOf(':'))
                        + "): the Telegram adapter is on, " + config.telegramWebhookUrl().map(u -> "webhook " + u)
                        .orElse("long polling") + " via " + config.telegramApiUrl()))
                .orElse(CheckResult.ok("telegram", "off (TELEGRAM_BOT_TOKEN not set)"));
        return List.of(discord, telegram);
    }
}
