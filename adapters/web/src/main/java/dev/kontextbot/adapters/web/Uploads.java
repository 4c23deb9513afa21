package dev.kontextbot.adapters.web;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Reads multipart uploads with the size limit applied, so an oversized picture is a 413 in plain words. */
final class Uploads {
    private final long maxBytes;

    Uploads(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    long maxBytes() {
        return maxBytes;
    }

    /** The form field, or empty; an oversized multipart body is refused here too. */
    Optional<String> field(Context ctx, String name) {
        try {
            return Optional.ofNullable(ctx.formParam(name));
        } catch (Exception e) {
            throw unreadable(ctx);
        }
    }

    Optional<UploadedImage> image(Context ctx, String name) {
        UploadedFile file;
        try {
            file = ctx.uploadedFile(name);
        } catch (Exception e) {
            throw unreadable(ctx);
        }
        if (file == null || file.size() == 0) {
            return Optional.empty();
        }
        if (file.size() > maxBytes) {
            throw tooLarge();
        }
        try (InputStream in = file.content()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge();
            }
            String mime = file.contentType() == null ? "application/octet-stream" : file.contentType();
            String fileName = file.filename() == null || file.filename().isBlank() ? "upload" : file.filename();
            return Optional.of(new UploadedImage(fileName, mime, bytes));
        } catch (IOException e) {
            throw ApiException.badRequest("upload_failed", "The upload broke off; please try again.");
        }
    }

    /**
     * Jetty refuses a multipart body past its own limit (or a broken one) before we see the file; it throws a checked
     * ServletException through Kotlin, hence the broad catch at the call sites.
     */
    private ApiException unreadable(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (length > maxBytes) {
            return tooLarge();
        }
        return ApiException.badRequest("bad_upload", "The upload could not be read; send it as multipart/form-data.");
    }

    private ApiException tooLarge() {
        return new ApiException(413, "too_large",
                "That picture is too large: the limit is " + UploadedImage.megabytes(maxBytes) + " MB.");
    }
}
