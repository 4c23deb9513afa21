package dev.kontextbot.adapters.telegram;

/** Who the bot is on Telegram (from getMe): in groups people address it by @username or by replying to it. */
record BotIdentity(long id, String username) {
}
