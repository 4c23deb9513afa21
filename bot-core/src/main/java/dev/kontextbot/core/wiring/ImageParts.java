package dev.kontextbot.core.wiring;

import dev.kontextbot.core.image.DerivedPng;
import dev.kontextbot.core.image.PictureScaler;
import dev.kontextbot.inference.image.ContextCollage;
import dev.kontextbot.inference.image.ImageDecoder;
import dev.kontextbot.inference.image.LanczosResizer;
import dev.kontextbot.inference.image.PngCodec;

/** The picture codecs and resizers, one of each, shared by the bot core and the worker of a process. */
public record ImageParts(ImageDecoder decoder, PngCodec png, LanczosResizer resizer, ContextCollage collage,
                         DerivedPng derived, PictureScaler scaler) {

    public static ImageParts standard() {
        ImageDecoder decoder = new ImageDecoder();
        PngCodec png = new PngCodec(decoder);
        LanczosResizer resizer = new LanczosResizer();
        DerivedPng derived = new DerivedPng(png);
        return new ImageParts(decoder, png, resizer, new ContextCollage(resizer), derived,
                new PictureScaler(decoder, resizer, derived));
    }
}
