package dev.kontextbot.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./kontextbot} and {@code ./mvnw} find a JDK 25 the same way (.mvn/find-jdk.sh) in a plain shell (no
 * JAVA_HOME), and with none anywhere each says in one sentence what to install. The search folders are pointed at a
 * temp dir through KONTEXTBOT_JDK_DIRS, so the machine's own JDKs do not decide the outcome; fake JDK homes (a
 * {@code release} file and two executables) stand for other versions.
 */
@Tag("integration")
class LauncherJdkTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String PLAIN_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final Path THIS_JDK = Path.of(System.getProperty("java.home"));

    @TempDir
    Path temp;

    @Test
    void withNoJdk25AnywhereBothCommandsSayWhatToInstallInOneSentence() throws Exception {
        Path jdk17 = fakeJdk("jdk-17", "17.0.15");
        Map<String, String> env = plainEnv(jdk17.resolve("bin") + ":" + PLAIN_PATH, temp.resolve("none"));
        env.put("JAVA_HOME", jdk17.toString());
        for (List<String> command : List.of(List.of("./kontextbot", "--help"), List.of("./mvnw", "-B", "-v"))) {
            Result result = run(command, env);
            assertThat(result.exitCode()).as("%s", command).isEqualTo(1);
            assertThat(result.stdout()).as("%s", command).isEmpty();
            assertThat(result.stderr().strip().lines().toList()).as("%s", command).singleElement().asString()
                    .contains("needs a JDK 25").contains("install one").contains("Temurin 25").doesNotContain("Exception");
        }
    }

    @Test
    void mavenRunsOnAJdk25FoundInTheUsualFoldersWhenThePathHasAnOlderJava() throws Exception {
        Path jdk17 = fakeJdk("jdk-17", "17.0.15");
        // The folder this JVM's JDK lives in stands for /usr/lib/jvm; the PATH holds only the older Java.
        Map<String, String> env = plainEnv(jdk17.resolve("bin") + ":" + PLAIN_PATH, THIS_JDK.getParent().resolve("*"));
        Result result = run(List.of("./mvnw", "-B", "-v"), env);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("Java version: " + Runtime.version().feature());
    }

    @Test
    void javaHomeWinsThenThePathThenTheFolders() throws Exception {
        Path onJavaHome = fakeJdk("home-25", "25.0.1");
        Path onPath = fakeJdk("path-26", "26");
        Path inFolders = fakeJdk("folder-25", "25.0.2");
        Path folders = temp.resolve("folder-*");

        Map<String, String> env = plainEnv(onPath.resolve("bin") + ":" + PLAIN_PATH, folders);
        env.put("JAVA_HOME", onJavaHome.toString());
        assertThat(findJdk(env)).isEqualTo(onJavaHome.toString());

        env.put("JAVA_HOME", fakeJdk("old", "1.8.0_402").toString());
        assertThat(findJdk(env)).isEqualTo(onPath.toString());

        // The machine's own java may be a 25: an older one first on the PATH keeps the outcome the folders'.
        env.put("PATH", fakeJdk("older", "21.0.4").resolve("bin") + ":" + PLAIN_PATH);
        env.remove("JAVA_HOME");
        assertThat(findJdk(env)).isEqualTo(inFolders.toString());
    }

    @Test
    void aRuntimeWithoutJavacIsNotEnoughToBuild() throws Exception {
        Path jre = fakeJdk("jre-25", "25.0.1");
        Files.delete(jre.resolve("bin/javac"));
        Result result = run(List.of("sh", "-c", ". .mvn/find-jdk.sh && kb_find_jdk"), plainEnv(PLAIN_PATH, jre));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout()).isEmpty();
    }

    private String findJdk(Map<String, String> env) throws Exception {
        Result result = run(List.of("sh", "-c", ". .mvn/find-jdk.sh && kb_find_jdk"), env);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result.stdout().strip();
    }

    /** A JDK home as the finder sees it: {@code release} names the version, bin/java and bin/javac exist. */
    private Path fakeJdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(temp.resolve(name));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Fake\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path bin = Files.createDirectories(home.resolve("bin"));
        for (String tool : List.of("java", "javac")) {
            Path exe = bin.resolve(tool);
            Files.writeString(exe, "#!/bin/sh\necho 'fake " + tool + " " + version + "' >&2\nexit 1\n");
            Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return home;
    }

    /** What {@code env -i PATH=... HOME=...} leaves: no JAVA_HOME, the given PATH and JDK folders. */
    private static Map<String, String> plainEnv(String path, Path jdkFolders) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", path);
        env.put("HOME", System.getProperty("user.home"));
        env.put("KONTEXTBOT_JDK_DIRS", jdkFolders.toString());
        return env;
    }

    private Result run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectOutput(temp.resolve("out.txt").toFile()).redirectError(temp.resolve("err.txt").toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within 2 minutes");
        }
        return new Result(process.exitValue(), Files.readString(temp.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(temp.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String stdout, String stderr) {}
}
