package dev.kontextbot.adapters.telegram;

import java.util.List;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;

/** The commands registered with setMyCommands; the bot's parser understands each as typed. */
final class BotCommands {

    static final List<BotCommand> ALL = List.of(
            new BotCommand("start", "Start: what this bot does and how to use it"),
            new BotCommand("help", "How to edit pictures by talking to me"),
            new BotCommand("new", "Start over with a new picture"),
            new BotCommand("undo", "Go back to the previous version"),
            new BotCommand("redo", "Bring back the version you undid"),
            new BotCommand("history", "List the versions of this picture"),
            new BotCommand("ref", "Use the current picture as a character reference"),
            new BotCommand("style", "Use the current picture as a style reference"),
            new BotCommand("settings", "Show or change steps, guidance, seed and aspect"),
            new BotCommand("cancel", "Cancel the edit that is running"),
            new BotCommand("region", "Edit one part only: /region top-left quarter add a bird"),
            new BotCommand("reanchor", "Bring the colours back to the original's after many edits"),
            new BotCommand("replay", "Redo all the edits from the original as one edit, then pick"),
            new BotCommand("forget", "Delete this conversation and its pictures"));

    private BotCommands() {
    }
}
