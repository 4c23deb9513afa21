package dev.kontextbot.deploy.doctor;

import dev.kontextbot.deploy.config.KontextConfig;
import dev.kontextbot.deploy.config.Setting;
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
                ? CheckResult.ok("discord", "token well-formed: the Discord adapter is on ("
                        + config.value(Setting.DISCORD_LIBRARY) + ")" + endpoints())
                : CheckResult.ok("discord", "off (DISCORD_TOKEN not set)");
        CheckResult telegram = config.telegramBotToken()
                .map(token -> CheckResult.ok("telegram", "token well-formed (bot id " + token.substring(0, token.indexOf(':'))
                        + "): the Telegram adapter is on, " + config.telegramWebhookUrl().map(u -> "webhook " + u)
                        .orElse("long polling") + " via " + config.telegramApiUrl()))
                .orElse(CheckResult.ok("telegram", "off (TELEGRAM_BOT_TOKEN not set)"));
        return List.of(discord, telegram);
    }

    /** The Discord endpoints, when they are not Discord's own (a proxy, a fake); passwords in them masked. */
    private String endpoints() {
        String api = config.value(Setting.DISCORD_API_URL);
        boolean customApi = !Setting.DISCORD_API_URL.defaultValue().orElseThrow().equals(api.strip());
        String shown = (customApi ? ", REST " + Setting.DISCORD_API_URL.display(api) : "")
                + config.optional(Setting.DISCORD_GATEWAY_URL).map(g -> ", gateway "
                + Setting.DISCORD_GATEWAY_URL.display(g)).orElse("");
        return shown;
    }
}
