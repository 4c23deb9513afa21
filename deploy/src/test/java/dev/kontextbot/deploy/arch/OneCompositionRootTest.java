package dev.kontextbot.deploy.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.kontextbot.core.fixturewiring.ToolThatBuildsItsService;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One composition root: the long-lived objects of bot-core are built in {@code core.wiring} (which deploy's runtime
 * and the tests' TestBot both call) and nowhere else in bot-core, and bot-core holds no Redis client.
 */
class OneCompositionRootTest {

    /**
     * Our classes that bot-core code may make where it needs them: per-turn or per-call objects and small value
     * holders, not services. Each with why.
     */
    private static final Set<String> MADE_WHERE_USED = Set.of(
            // one per turn: who speaks, where replies go
            "dev.kontextbot.core.turn.TurnContext",
            // wraps one attachment of one message so it is fetched once
            "dev.kontextbot.core.image.FetchOnceAttachment",
            // the rule-based model's own parts over one language's word lists, made by the model that reads them
            "dev.kontextbot.core.rules.MessageNormalizer", "dev.kontextbot.core.rules.CommandParser",
            "dev.kontextbot.core.rules.MessageClassifier", "dev.kontextbot.core.rules.SettingsExtractor",
            "dev.kontextbot.core.rules.ToolCallPlanner",
            // per-turn helpers of the agent loop (the fallback of one turn, the memory of one turn)
            "dev.kontextbot.core.agent.FallbackChatModel", "dev.kontextbot.core.agent.TurnMemory",
            "dev.kontextbot.core.agent.TurnImages",
            // prompts' scope rules over fixed word lists (an edit is local or whole), read by KeepUntouched's constants
            "dev.kontextbot.prompts.EditScope",
            // one job's region edit (its crop and box)
            "dev.kontextbot.inference.region.RegionEdit",
            // a lane set owned by the one router that drains it
            "dev.kontextbot.conversation.jobs.KeyedLanes");

    /** A constructor call of one of our own classes that is a service: not a record, enum, error or own part. */
    private static final DescribedPredicate<JavaConstructorCall> BUILDS_A_SERVICE = DescribedPredicate.describe(
            "a service of the project (not a record, enum, exception, nested part or per-turn object)", call -> {
                JavaClass target = call.getTargetOwner();
                JavaClass caller = call.getOriginOwner();
                if (!target.getPackageName().startsWith("dev.kontextbot.") || target.equals(caller)
                        || target.isAnonymousClass() || target.isLocalClass()
                        || nestedIn(target, caller) || nestedIn(caller, target)
                        || MADE_WHERE_USED.contains(target.getName())) {
                    return false;
                }
                Class<?> type = target.reflect();
                return !type.isRecord() && !type.isEnum() && !Throwable.class.isAssignableFrom(type)
                        && !Modifier.isAbstract(type.getModifiers()) && holdsState(type);
            });

    static final ArchRule SERVICES_ARE_BUILT_IN_THE_WIRING = noClasses()
            .that().resideInAPackage("dev.kontextbot.core..")
            .and().resideOutsideOfPackage("dev.kontextbot.core.wiring..")
            .should().callConstructorWhere(BUILDS_A_SERVICE)
            .because("deploy builds every long-lived object once, through core.wiring, and the tests use the same");

    static final ArchRule CORE_HOLDS_NO_REDIS_CLIENT = noClasses()
            .that().resideInAPackage("dev.kontextbot.core..")
            .should().dependOnClassesThat().resideInAPackage("redis.clients..")
            .because("the shared state is conversation's: bot-core asks its services, never Redis itself");

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.kontextbot.core");
    }

    /** A class without instance fields is a function, not a service: making one where it is used wires nothing. */
    private static boolean holdsState(Class<?> type) {
        for (Field field : type.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                return true;
            }
        }
        return false;
    }

    private static boolean nestedIn(JavaClass inner, JavaClass outer) {
        for (JavaClass c = inner; c.getEnclosingClass().isPresent(); c = c.getEnclosingClass().get()) {
            if (c.getEnclosingClass().get().equals(outer)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theCoreIsImported() {
        assertThat(core.containPackage("dev.kontextbot.core.wiring")).isTrue();
        assertThat(core.stream().filter(c -> c.getPackageName().startsWith("dev.kontextbot.core.")).count())
                .isGreaterThan(50);
    }

    @Test
    void servicesAreBuiltInTheWiringOnly() {
        SERVICES_ARE_BUILT_IN_THE_WIRING.check(core);
    }

    @Test
    void theCoreHoldsNoRedisClient() {
        CORE_HOLDS_NO_REDIS_CLIENT.check(core);
    }

    @Test
    void aServiceBuiltOutsideTheWiringIsCaught() {
        JavaClasses broken = new ClassFileImporter().importClasses(ToolThatBuildsItsService.class,
                dev.kontextbot.core.reply.Variations.class);

        assertThat(SERVICES_ARE_BUILT_IN_THE_WIRING.evaluate(broken).getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains("Variations.<init>"));
    }
}
