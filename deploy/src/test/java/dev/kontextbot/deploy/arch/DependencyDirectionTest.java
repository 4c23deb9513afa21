package dev.kontextbot.deploy.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.kontextbot.adapters.fixturea.AdapterThatImportsJedis;
import dev.kontextbot.adapters.fixtureb.OtherAdapterType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The dependency direction of ARCHITECTURE.md, checked on the compiled classes of every module (the Maven
 * enforcer bans check the declared dependencies; this checks the imports). Runs in deploy, which sees them all.
 */
@Tag("integration")
class DependencyDirectionTest {

    private static final String PROJECT = "dev.kontextbot";

    static final ArchRule ADAPTERS_STAY_ON_THE_PLATFORM_SIDE = noClasses()
            .that().resideInAPackage("dev.kontextbot.adapters..")
            .should().dependOnClassesThat().resideInAnyPackage("redis.clients..", "ai.onnxruntime..", "dev.langchain4j..",
                    "dev.kontextbot.conversation..", "dev.kontextbot.inference..", "dev.kontextbot.deploy..")
            .because("adapters talk to bot-core only: no Redis, ONNX Runtime or LangChain4j behind its back")
            .allowEmptyShould(true);

    static final ArchRule ADAPTERS_DO_NOT_KNOW_EACH_OTHER = slices()
            .matching("dev.kontextbot.adapters.(*)..")
            .should().notDependOnEachOther()
            .because("each chat platform is a separate adapter")
            .allowEmptyShould(true);

    static final ArchRule INFERENCE_IS_SELF_CONTAINED = noClasses()
            .that().resideInAPackage("dev.kontextbot.inference..")
            .should().dependOnClassesThat().resideInAnyPackage("redis.clients..", "dev.langchain4j..", "org.javacord..",
                    "org.telegram..", "io.javalin..", "dev.kontextbot.prompts..", "dev.kontextbot.conversation..",
                    "dev.kontextbot.core..", "dev.kontextbot.adapters..", "dev.kontextbot.deploy..")
            .because("inference is the pipeline on ONNX Runtime and nothing else")
            .allowEmptyShould(true);

    static final ArchRule CONVERSATION_IS_STATE_ONLY = noClasses()
            .that().resideInAPackage("dev.kontextbot.conversation..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.kontextbot.inference..", "dev.kontextbot.core..",
                    "dev.kontextbot.adapters..", "dev.kontextbot.prompts..", "dev.kontextbot.deploy..",
                    "ai.onnxruntime..", "org.javacord..", "org.telegram..")
            .because("conversation keeps state in Redis and knows no other module")
            .allowEmptyShould(true);

    static final ArchRule PROMPTS_STAND_ALONE = noClasses()
            .that().resideInAPackage("dev.kontextbot.prompts..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.kontextbot.inference..", "dev.kontextbot.conversation..",
                    "dev.kontextbot.core..", "dev.kontextbot.adapters..", "dev.kontextbot.deploy..")
            .because("prompts is Kontext prompt knowledge with no project dependencies")
            .allowEmptyShould(true);

    static final ArchRule CORE_IS_PLATFORM_NEUTRAL = noClasses()
            .that().resideInAPackage("dev.kontextbot.core..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.kontextbot.adapters..", "dev.kontextbot.deploy..",
                    "org.javacord..", "org.telegram..", "io.javalin..")
            .because("platform types stop at the adapter")
            .allowEmptyShould(true);

    private static JavaClasses project;

    @BeforeAll
    static void importProject() {
        project = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // Test jars on this module's test class path (the fake Discord, issue 23) are tests too.
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages(PROJECT);
    }

    @Test
    void theProjectImportsEveryModule() {
        assertThat(project.stream().map(c -> c.getPackageName().split("\\.")[2]).distinct())
                .contains("prompts", "inference", "conversation", "core", "adapters", "deploy");
    }

    @Test
    void adaptersStayOnThePlatformSide() {
        ADAPTERS_STAY_ON_THE_PLATFORM_SIDE.check(project);
    }

    @Test
    void adaptersDoNotKnowEachOther() {
        ADAPTERS_DO_NOT_KNOW_EACH_OTHER.check(project);
    }

    @Test
    void inferenceIsSelfContained() {
        INFERENCE_IS_SELF_CONTAINED.check(project);
    }

    @Test
    void conversationIsStateOnly() {
        CONVERSATION_IS_STATE_ONLY.check(project);
    }

    @Test
    void promptsStandAlone() {
        PROMPTS_STAND_ALONE.check(project);
    }

    @Test
    void coreIsPlatformNeutral() {
        CORE_IS_PLATFORM_NEUTRAL.check(project);
    }

    @Test
    void anAdapterImportingJedisOrAnotherAdapterIsCaught() {
        JavaClasses broken = new ClassFileImporter().importClasses(AdapterThatImportsJedis.class, OtherAdapterType.class);

        assertThat(ADAPTERS_STAY_ON_THE_PLATFORM_SIDE.evaluate(broken).getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains("redis.clients.jedis.UnifiedJedis"));
        assertThat(ADAPTERS_DO_NOT_KNOW_EACH_OTHER.evaluate(broken).hasViolation()).isTrue();
    }
}
