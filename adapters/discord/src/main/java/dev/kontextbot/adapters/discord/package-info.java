/**
 * The Discord adapter on Javacord 3.8.0: maps Discord interactions and messages to bot-core's {@code ChatEvent}s and
 * renders {@code Reply}s within Discord's limits. Javacord types stay in the listener, sink and delivery classes;
 * the command model ({@link dev.kontextbot.adapters.discord.DiscordCommands}), the text mapping, the throttle and the
 * encoder know nothing of it, so another Discord library could sit beside them.
 */
package dev.kontextbot.adapters.discord;
