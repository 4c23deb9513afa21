package dev.kontextbot.deploy.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this build, from a resource Maven fills in at build time (deploy/pom.xml filters it). */
public final class Version {

    private Version() {
    }

    public static String current() {
        try (InputStream in = Version.class.getResourceAsStream("/dev/kontextbot/deploy/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
