package dev.kontextbot.deploy.logging;

import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.kontextbot.deploy.config.SecretMasker;
import java.nio.charset.StandardCharsets;

/**
 * Wraps any Logback encoder (the text pattern or the JSON encoder) and masks secrets in what it writes, so
 * messages, arguments, MDC values and stack traces are all covered, whatever the format.
 */
public final class MaskingEncoder<E> extends EncoderBase<E> {

    /** Where {@link LogSetup} leaves the masker of the loaded configuration in the Logback context. */
    static final String MASKER_KEY = "kontextbot.secretMasker";

    private Encoder<E> delegate;
    private SecretMasker fallback = SecretMasker.patternsOnly();

    public void setDelegate(Encoder<E> delegate) {
        this.delegate = delegate;
    }

    public Encoder<E> getDelegate() {
        return delegate;
    }

    @Override
    public void start() {
        if (delegate == null) {
            addError("MaskingEncoder needs a <delegate> encoder");
            return;
        }
        if (!delegate.isStarted()) {
            delegate.start();
        }
        super.start();
    }

    @Override
    public void stop() {
        delegate.stop();
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }

    @Override
    public byte[] encode(E event) {
        byte[] raw = delegate.encode(event);
        if (raw == null || raw.length == 0) {
            return raw;
        }
        return masker().mask(new String(raw, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    private SecretMasker masker() {
        // Looked up per event: the configuration (and its secrets) is loaded after Logback starts.
        Object configured = getContext() == null ? null : getContext().getObject(MASKER_KEY);
        return configured instanceof SecretMasker masker ? masker : fallback;
    }
}
