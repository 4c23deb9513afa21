package dev.kontextbot.conversation.jobs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * Reads a {@link JobSpec} in either stored form, wherever it appears (a job's hash, a delivery entry, a result held
 * for review): one with a {@code format} field through Jackson's own record reading, one without through
 * {@link LegacyJobSpec}.
 */
final class VersionedSpecDeserializer extends StdDeserializer<JobSpec> implements ResolvableDeserializer {

    private final JsonDeserializer<?> current;

    private VersionedSpecDeserializer(JsonDeserializer<?> current) {
        super(JobSpec.class);
        this.current = current;
    }

    /** Wraps Jackson's reader of the current form. */
    static BeanDeserializerModifier modifier() {
        return new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                return description.getBeanClass() == JobSpec.class
                        ? new VersionedSpecDeserializer(deserializer) : deserializer;
            }
        };
    }

    @Override
    public JobSpec deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonNode node = ctxt.readTree(p);
        if (!node.has("format")) {
            try {
                return LegacyJobSpec.read(node, p.getCodec());
            } catch (InvalidJobException e) {
                // As an invalid current form is reported: Jackson wraps what a record's constructor refuses.
                throw JsonMappingException.from(p, e.getMessage(), e);
            }
        }
        try (JsonParser tree = node.traverse(p.getCodec())) {
            tree.nextToken();
            return (JobSpec) current.deserialize(tree, ctxt);
        }
    }

    @Override
    public void resolve(DeserializationContext ctxt) throws JsonMappingException {
        if (current instanceof ResolvableDeserializer resolvable) {
            resolvable.resolve(ctxt);
        }
    }
}
