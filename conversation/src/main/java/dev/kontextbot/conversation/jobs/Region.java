package dev.kontextbot.conversation.jobs;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Where a local edit may change the picture; every pixel outside stays the base's. bot-core's {@code RegionSpec}
 * turns it into a box on the base picture (and checks that it fits).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "unit")
@JsonSubTypes({@JsonSubTypes.Type(value = Region.Pixels.class, name = "pixels"),
        @JsonSubTypes.Type(value = Region.Fractions.class, name = "fractions")})
public sealed interface Region {

    /** A box in pixels of the base picture: left, top, width, height. */
    record Pixels(int x, int y, int width, int height) implements Region {
    }

    /** A box as fractions in [0,1] of the base picture's width and height, for areas said in words. */
    record Fractions(double x, double y, double width, double height) implements Region {
    }
}
