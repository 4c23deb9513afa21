package dev.kontextbot.deploy.runtime;

import dev.kontextbot.adapters.discord.DiscordOptions;
import dev.kontextbot.adapters.telegram.TelegramOptions;
import dev.kontextbot.adapters.web.WebOptions;
import dev.kontextbot.conversation.jobs.JobLimits;
import dev.kontextbot.conversation.redis.ClusterMode;
import dev.kontextbot.conversation.retention.RetentionPolicy;
import dev.kontextbot.conversation.state.ConversationSettings;
import dev.kontextbot.core.BotCoreOptions;
import dev.kontextbot.inference.pipeline.EngineOptions;
import dev.kontextbot.core.agent.LlmOptions;
import dev.kontextbot.deploy.safety.SafetyConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything the running bot is made of, as each module's own option records: which parts run in this process
 * (front end, in-process worker, adapters) and how they are set up. Built from the configuration by
 * {@link RuntimeOptionsFactory}. {@code faceModelDir}: the face models a worker measures drift with (FACE_MODEL_DIR).
 */
public record RuntimeOptions(String redisUrl, ClusterMode redisCluster, RetentionPolicy retention, ConversationSettings defaults,
                             JobLimits limits, Optional<EngineOptions> worker, Optional<BotCoreOptions> frontEnd,
                             Optional<WebOptions> web, Optional<TelegramOptions> telegram,
                             Optional<DiscordOptions> discord, String instanceName, SafetyConfig safety,
                             LlmOptions llm, String software, Duration jobDeadline, Optional<Path> faceModelDir) {
}
