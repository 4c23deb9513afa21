package dev.kontextbot.adapters.discord.fake;

import static dev.kontextbot.adapters.discord.fake.FakeDiscord.ADMIN_ROLE_ID;
import static dev.kontextbot.adapters.discord.fake.FakeDiscord.APPLICATION_ID;
import static dev.kontextbot.adapters.discord.fake.FakeDiscord.BOT_ID;
import static dev.kontextbot.adapters.discord.fake.FakeDiscord.CHANNEL_ID;
import static dev.kontextbot.adapters.discord.fake.FakeDiscord.GUILD_ID;
import static dev.kontextbot.adapters.discord.fake.FakeDiscord.NSFW_CHANNEL_ID;
import static dev.kontextbot.adapters.discord.fake.FakeDiscord.USER_GLOBAL_NAME;
import static dev.kontextbot.adapters.discord.fake.FakeDiscord.USER_ID;
import static dev.kontextbot.adapters.discord.fake.FakeDiscord.USER_NAME;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The JSON objects Discord sends, in the shape API v10 documents (only the fields a bot reads, and the required). */
public final class Payloads {

    private static final String TIMESTAMP = "2026-12-07T12:00:00.000000+00:00";

    /** An image or file option of an interaction, or an attachment of a message. */
    public record File(long id, String fileName, String contentType, long size, String url) {
    }

    /** Where an interaction comes from: the guild the bot is in, a DM with it, or a server it is not in. */
    public enum Place { GUILD, DIRECT, FOREIGN_GUILD }

    public static final long FOREIGN_GUILD_ID = 4_700_000_000_000_000L;
    public static final long FOREIGN_CHANNEL_ID = 4_700_000_000_000_001L;
    public static final long DIRECT_CHANNEL_ID = 4_700_000_000_000_002L;

    private final ObjectMapper json;

    Payloads(ObjectMapper json) {
        this.json = json;
    }

    public ObjectNode user(long id, String username, String globalName, boolean bot) {
        ObjectNode user = json.createObjectNode().put("id", Long.toString(id)).put("username", username)
                .put("global_name", globalName).put("discriminator", "0").putNull("avatar").put("bot", bot)
                .put("public_flags", 0);
        if (bot) {
            user.put("verified", true).put("mfa_enabled", false);
        }
        return user;
    }

    public ObjectNode alice() {
        return user(USER_ID, USER_NAME, USER_GLOBAL_NAME, false);
    }

    ObjectNode ready(String resumeUrl) {
        ObjectNode ready = json.createObjectNode().put("v", 10).put("session_id", "fake-session")
                .put("resume_gateway_url", resumeUrl);
        ready.set("user", user(BOT_ID, "kontextbot", "KontextBot", true));
        ready.putArray("guilds").addObject().put("id", Long.toString(GUILD_ID)).put("unavailable", true);
        ready.putArray("private_channels");
        ready.set("application", json.createObjectNode().put("id", Long.toString(APPLICATION_ID)).put("flags", 0));
        ready.putArray("shard").add(0).add(1);
        return ready;
    }

    ObjectNode guild() {
        ObjectNode guild = json.createObjectNode().put("id", Long.toString(GUILD_ID)).put("name", "Test server")
                .putNull("icon").put("owner_id", Long.toString(USER_ID)).put("premium_tier", 0)
                .put("member_count", 2).put("large", false).put("unavailable", false).put("verification_level", 0)
                .put("default_message_notifications", 0).put("explicit_content_filter", 0).put("mfa_level", 0)
                .put("nsfw_level", 0).put("preferred_locale", "en-US").put("joined_at", TIMESTAMP)
                .put("premium_progress_bar_enabled", false).put("system_channel_flags", 0).put("afk_timeout", 300);
        guild.putArray("features");
        ArrayNode roles = guild.putArray("roles");
        roles.add(role(GUILD_ID, "@everyone", 0));
        roles.add(role(ADMIN_ROLE_ID, "bot admins", 1));
        ArrayNode channels = guild.putArray("channels");
        channels.add(textChannel(CHANNEL_ID, "kontext", false));
        channels.add(textChannel(NSFW_CHANNEL_ID, "after-dark", true));
        guild.putArray("threads");
        guild.putArray("emojis");
        guild.putArray("stickers");
        guild.putArray("voice_states");
        guild.putArray("guild_scheduled_events");
        guild.putArray("presences");
        guild.putArray("stage_instances");
        ArrayNode members = guild.putArray("members");
        members.add(member(user(BOT_ID, "kontextbot", "KontextBot", true), List.of()));
        return guild;
    }

    private ObjectNode role(long id, String name, int position) {
        ObjectNode role = json.createObjectNode().put("id", Long.toString(id)).put("name", name).put("color", 0)
                .put("hoist", false).put("position", position).put("permissions", "3072").put("managed", false)
                .put("mentionable", false).put("flags", 0);
        role.putObject("colors").put("primary_color", 0).putNull("secondary_color").putNull("tertiary_color");
        return role;
    }

    ObjectNode textChannel(long id, String name, boolean nsfw) {
        ObjectNode channel = json.createObjectNode().put("id", Long.toString(id)).put("type", 0)
                .put("guild_id", Long.toString(GUILD_ID)).put("name", name).put("position", 0).put("nsfw", nsfw)
                .putNull("topic").putNull("parent_id").put("rate_limit_per_user", 0).put("flags", 0);
        channel.putArray("permission_overwrites");
        return channel;
    }

    ObjectNode directChannel(long id, long recipient) {
        ObjectNode channel = json.createObjectNode().put("id", Long.toString(id)).put("type", 1)
                .putNull("last_message_id");
        channel.putArray("recipients").add(user(recipient, "user" + recipient, null, false));
        return channel;
    }

    public ObjectNode member(ObjectNode user, List<Long> roles) {
        ObjectNode member = json.createObjectNode().put("joined_at", TIMESTAMP).put("deaf", false)
                .put("mute", false).put("flags", 0).put("pending", false).putNull("nick").putNull("avatar");
        member.set("user", user);
        ArrayNode roleIds = member.putArray("roles");
        roles.forEach(r -> roleIds.add(Long.toString(r)));
        return member;
    }

    /**
     * A slash command in the guild channel, as INTERACTION_CREATE carries it: options by name (String, Long, Double
     * or {@link File}); {@code attachmentSizeLimit} is the upload limit Discord grants this interaction.
     */
    public ObjectNode slashCommand(long id, String token, String command, java.util.Map<String, Object> options,
                                   long channelId, long attachmentSizeLimit) {
        return slashCommand(id, token, command, options, Place.GUILD, channelId, attachmentSizeLimit);
    }

    /** A slash command from {@code place}: in a DM or a foreign server (user-installed app) the bot caches nothing. */
    public ObjectNode slashCommand(long id, String token, String command, java.util.Map<String, Object> options,
                                   Place place, long channelId, long attachmentSizeLimit) {
        ObjectNode interaction = interaction(id, token, 2, channelId, attachmentSizeLimit);
        relocate(interaction, place);
        ObjectNode data = interaction.putObject("data").put("id", Long.toString(id + 1)).put("name", command)
                .put("type", 1);
        ArrayNode list = data.putArray("options");
        ObjectNode attachments = json.createObjectNode();
        options.forEach((name, value) -> {
            ObjectNode option = list.addObject().put("name", name);
            switch (value) {
                case String s -> option.put("type", 3).put("value", s);
                case Long l -> option.put("type", 4).put("value", l);
                case Double d -> option.put("type", 10).put("value", d);
                case File f -> {
                    option.put("type", 11).put("value", Long.toString(f.id()));
                    attachments.set(Long.toString(f.id()), attachment(f));
                }
                default -> throw new IllegalArgumentException(value.toString());
            }
        });
        if (!attachments.isEmpty()) {
            data.putObject("resolved").set("attachments", attachments);
        }
        return interaction;
    }

    /** A button press on one of the bot's messages. */
    public ObjectNode button(long id, String token, String customId, long messageId) {
        ObjectNode interaction = interaction(id, token, 3, CHANNEL_ID, 10L * 1024 * 1024);
        interaction.putObject("data").put("custom_id", customId).put("component_type", 2);
        interaction.set("message", botMessage(messageId, CHANNEL_ID, json.createObjectNode().put("content", "v"),
                List.of()));
        return interaction;
    }

    /** The "Edit with Kontext" context menu on a message. */
    public ObjectNode messageCommand(long id, String token, String name, ObjectNode target) {
        ObjectNode interaction = interaction(id, token, 2, CHANNEL_ID, 10L * 1024 * 1024);
        ObjectNode data = interaction.putObject("data").put("id", Long.toString(id + 1)).put("name", name)
                .put("type", 3).put("target_id", target.path("id").asText());
        data.putObject("resolved").putObject("messages").set(target.path("id").asText(), target);
        return interaction;
    }

    /** A modal submission with one text input. */
    public ObjectNode modal(long id, String token, String customId, String inputId, String value) {
        ObjectNode interaction = interaction(id, token, 5, CHANNEL_ID, 10L * 1024 * 1024);
        ObjectNode data = interaction.putObject("data").put("custom_id", customId);
        // Since the Label component (type 18), each input arrives inside its label.
        ObjectNode label = data.putArray("components").addObject().put("type", 18).put("id", 1);
        label.putObject("component").put("type", 4).put("id", 2).put("custom_id", inputId).put("value", value);
        return interaction;
    }

    private ObjectNode interaction(long id, String token, int type, long channelId, long attachmentSizeLimit) {
        ObjectNode interaction = json.createObjectNode().put("id", Long.toString(id))
                .put("application_id", Long.toString(APPLICATION_ID)).put("type", type).put("token", token)
                .put("version", 1).put("guild_id", Long.toString(GUILD_ID)).put("channel_id", Long.toString(channelId))
                .put("locale", "en-US").put("guild_locale", "en-US").put("app_permissions", "2251799813685247")
                .put("context", 0).put("attachment_size_limit", attachmentSizeLimit);
        interaction.putObject("guild").put("id", Long.toString(GUILD_ID)).put("locale", "en-US").putArray("features");
        interaction.set("channel", textChannel(channelId, channelId == NSFW_CHANNEL_ID ? "after-dark" : "kontext",
                channelId == NSFW_CHANNEL_ID));
        ObjectNode member = member(alice(), List.of()).put("permissions", "2251799813685247");
        interaction.set("member", member);
        interaction.putArray("entitlements");
        interaction.putObject("authorizing_integration_owners").put("0", Long.toString(GUILD_ID));
        return interaction;
    }

    private void relocate(ObjectNode interaction, Place place) {
        switch (place) {
            case GUILD -> {
            }
            case DIRECT -> {
                interaction.remove(List.of("guild_id", "guild", "member", "guild_locale"));
                interaction.put("channel_id", Long.toString(DIRECT_CHANNEL_ID)).put("context", 1);
                interaction.set("user", alice());
                interaction.set("channel", directChannel(DIRECT_CHANNEL_ID, USER_ID));
                interaction.putObject("authorizing_integration_owners").put("1", Long.toString(USER_ID));
            }
            case FOREIGN_GUILD -> {
                interaction.put("guild_id", Long.toString(FOREIGN_GUILD_ID))
                        .put("channel_id", Long.toString(FOREIGN_CHANNEL_ID));
                interaction.putObject("guild").put("id", Long.toString(FOREIGN_GUILD_ID)).put("locale", "en-US")
                        .putArray("features");
                // Discord states the bot's permissions in a channel of an interaction.
                interaction.set("channel", textChannel(FOREIGN_CHANNEL_ID, "elsewhere", false)
                        .put("guild_id", Long.toString(FOREIGN_GUILD_ID)).put("permissions", "2251799813685247"));
                interaction.putObject("authorizing_integration_owners").put("1", Long.toString(USER_ID));
            }
        }
    }

    public ObjectNode attachment(File file) {
        return json.createObjectNode().put("id", Long.toString(file.id())).put("filename", file.fileName())
                .put("size", file.size()).put("url", file.url()).put("proxy_url", file.url())
                .put("content_type", file.contentType());
    }

    /** A user's message in the guild channel (MESSAGE_CREATE), optionally a reply to {@code replyTo}. */
    public ObjectNode userMessage(long id, String content, List<File> files, java.util.Optional<Long> replyTo,
                                 boolean mentionsBot) {
        ObjectNode message = message(id, CHANNEL_ID, alice(), content);
        message.put("guild_id", Long.toString(GUILD_ID));
        message.set("member", member(alice(), List.of()).without("user"));
        ArrayNode attachments = message.putArray("attachments");
        files.forEach(f -> attachments.add(attachment(f)));
        if (mentionsBot) {
            message.putArray("mentions").add(user(BOT_ID, "kontextbot", "KontextBot", true));
        }
        replyTo.ifPresent(target -> {
            message.put("type", 19);
            message.putObject("message_reference").put("type", 0).put("message_id", Long.toString(target))
                    .put("channel_id", Long.toString(CHANNEL_ID)).put("guild_id", Long.toString(GUILD_ID));
            message.set("referenced_message", message(target, CHANNEL_ID,
                    user(BOT_ID, "kontextbot", "KontextBot", true), "a result"));
        });
        return message;
    }

    /** The message Discord answers a send or an edit with: what was sent, with ids for the files. */
    ObjectNode botMessage(long id, long channelId, JsonNode sent, List<FakeDiscord.Upload> files) {
        ObjectNode message = message(id, channelId, user(BOT_ID, "kontextbot", "KontextBot", true),
                sent.path("content").asText(""));
        ArrayNode attachments = message.putArray("attachments");
        for (FakeDiscord.Upload file : files) {
            attachments.addObject().put("id", Long.toString(id + attachments.size() + 1))
                    .put("filename", file.fileName()).put("size", file.bytes().length)
                    .put("url", "http://127.0.0.1/cdn/" + id + "/" + file.fileName())
                    .put("proxy_url", "http://127.0.0.1/cdn/" + id + "/" + file.fileName());
        }
        if (sent.has("components")) {
            message.set("components", sent.get("components"));
        }
        return message;
    }

    private ObjectNode message(long id, long channelId, ObjectNode author, String content) {
        ObjectNode message = json.createObjectNode().put("id", Long.toString(id))
                .put("channel_id", Long.toString(channelId)).put("content", content).put("timestamp", TIMESTAMP)
                .putNull("edited_timestamp").put("tts", false).put("mention_everyone", false).put("pinned", false)
                .put("type", 0).put("flags", 0);
        message.set("author", author);
        message.putArray("mentions");
        message.putArray("mention_roles");
        message.putArray("attachments");
        message.putArray("embeds");
        message.putArray("components");
        return message;
    }
}
