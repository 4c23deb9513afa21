package dev.kontextbot.conversation.review;

/**
 * What one user may put on the review list. {@code picturesPerUser}: pictures kept for them at once (a new one
 * drops their oldest); {@code flagsPerHour}: items recorded for them per hour (past it a flag is refused as usual
 * but nothing is stored and no admin is notified), so a user sending flagged pictures in a loop cannot fill Redis
 * or the admins' inboxes.
 */
public record ReviewLimits(int picturesPerUser, int flagsPerHour) {

    public static final int DEFAULT_PICTURES_PER_USER = 8;
    public static final int DEFAULT_FLAGS_PER_HOUR = 20;

    public ReviewLimits {
        if (picturesPerUser < 1 || flagsPerHour < 1) {
            throw new IllegalArgumentException("The review list needs room for at least one picture and one flag");
        }
    }

    public static ReviewLimits defaults() {
        return new ReviewLimits(DEFAULT_PICTURES_PER_USER, DEFAULT_FLAGS_PER_HOUR);
    }
}
