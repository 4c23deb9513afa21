package dev.kontextbot.conversation.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class on a real Redis server ({@link RedisServerExtension}). Tagged {@code integration}: it runs in
 * {@code ./mvnw verify} (Failsafe), not in the fast {@code ./mvnw test} (Surefire).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("integration")
@ExtendWith(RedisServerExtension.class)
public @interface RedisTest {
}
