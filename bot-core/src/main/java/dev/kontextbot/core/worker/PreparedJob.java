package dev.kontextbot.core.worker;

import dev.kontextbot.conversation.state.Version;
import dev.kontextbot.inference.image.Bucket;
import dev.kontextbot.inference.pipeline.PreparedRequest;
import dev.kontextbot.inference.region.RegionEdit;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;

/**
 * What {@link JobInputs} hands to {@link RecipeRunner}: the first run ready for the device, and what the later ones
 * need (the base, the picture they edit, the references, the output size, the local edit).
 */
record PreparedJob(PreparedRequest first, Optional<Version> base, StepContext context, List<BufferedImage> references,
                   Optional<Bucket> outputSize, Optional<RegionEdit> local) {
}
