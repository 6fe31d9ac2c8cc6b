package org.sharercloud.itests;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.nio.file.Path;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.options.MavenArtifactUrlReference;

/** Pax Exam options that boot one of our built distributions (or plain Karaf) by Maven coordinates. */
public final class Exam {
    private Exam() {
    }

    public static String version() {
        return System.getProperty("project.version", "0.1.0-SNAPSHOT");
    }

    static String localRepo() {
        String repo = System.getProperty("maven.repo.local");
        return repo != null && !repo.isBlank() ? repo : Path.of(System.getProperty("user.home"), ".m2", "repository").toString();
    }

    /**
     * Options booting {@code groupId:artifactId:tar.gz} with HTTP on {@code httpPort} and SSH on
     * {@code sshPort}, resolving Maven URLs from the build's local repository first (Pax Exam's own
     * container bundles may come from Maven Central; DistributionIT proves our distributions boot offline).
     */
    public static Option[] distribution(String groupId, String artifactId, String version, int httpPort, int sshPort) {
        MavenArtifactUrlReference dist = maven().groupId(groupId).artifactId(artifactId).version(version).type("tar.gz");
        String repo = localRepo();
        return new Option[] {
            karafDistributionConfiguration().frameworkUrl(dist).name(artifactId).unpackDirectory(new File("target/exam"))
                    .useDeployFolder(false).runEmbedded(false),
            configureConsole().ignoreLocalConsole(),
            logLevel(LogLevel.INFO),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(httpPort)),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(sshPort)),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", repo),
            systemProperty("sharer.test.http.port").value(Integer.toString(httpPort)),
            systemProperty("sharer.test.ssh.port").value(Integer.toString(sshPort)),
            systemProperty("project.version").value(version()),
        };
    }
}
