package dev.kontextbot.core.reply;

import dev.kontextbot.inference.pipeline.ModelFamily;

/** One sentence on the installed model's licence, for the bot's facts and its info. */
public final class LicenceLine {

    private LicenceLine() {
    }

    /** "FLUX.2 [klein] 4B is under the Apache-2.0 licence: a public or commercial bot may run it." */
    public static String of(ModelFamily family) {
        ModelFamily.Licence licence = family.licence();
        return family.displayName() + " is under the " + licence.name() + " licence: " + licence.meaning() + ".";
    }
}
