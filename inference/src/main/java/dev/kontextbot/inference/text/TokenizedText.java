package dev.kontextbot.inference.text;

/**
 * A prompt laid out for a text encoder: exactly the encoder's sequence length of ids, specials and
 * padding included.
 *
 * @param ids           the full id sequence (77 for CLIP, 512 for T5)
 * @param truncated     true when the prompt had more tokens than fit and some were dropped
 * @param contentTokens how many of {@code ids} are prompt tokens (specials and padding excluded)
 */
public record TokenizedText(long[] ids, boolean truncated, int contentTokens) {

    /** The ids as int32, for encoders exported with int32 inputs. */
    public int[] idsAsInts() {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }
}
