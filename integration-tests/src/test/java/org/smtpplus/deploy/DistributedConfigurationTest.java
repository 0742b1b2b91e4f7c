package org.smtpplus.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * conf-distributed/, the configuration of the distributed James 3.8.1 image in docker-compose.yml, is that image's
 * own configuration (James's distributed sample, with its docker-configuration/ files in place of the sample's) with
 * the changes SMTP+ makes, and nothing else but the few settings of that deployment listed here. The changes SMTP+
 * makes are said in one place, conf/: what conf/ changes in James's memory sample. So each file of conf-distributed/
 * must mean what the three-way merge of conf/ and the distributed image's file over James's memory sample means (like {@code git merge-file}), with {@link #RESOLUTIONS} settling where both change
 * the same lines and {@link #DEPLOYMENT} applied after. A new James sample, a change to conf/ or an edit of
 * conf-distributed/ that is neither shows here as a difference. What "means" is: {@link CanonicalConfiguration}.
 */
class DistributedConfigurationTest {
    static final Path CONF = JamesSamples.ROOT.resolve("conf");
    static final Path CONF_DISTRIBUTED = JamesSamples.ROOT.resolve("conf-distributed");
    /** Files the operator adds to conf-distributed/ before the first start (docs/operator-guide.md); never shipped. */
    static final List<String> OPERATOR_FILES = List.of("keystore", "webadmin-jwt-public.pem");

    private static final String CASSANDRA_REPOSITORIES = "conf/ keeps the memory server's mail repositories on disk (file://);"
        + " the distributed image keeps them in Cassandra, as its sample does";

    /** Where conf/ and James's distributed sample change the same lines of its memory sample: the lines to keep. */
    private static final List<Resolution> RESOLUTIONS = List.of(
        new Resolution("listeners.xml", 0, Side.DISTRIBUTED,
            "both drop the deleted message vault hook; the distributed sample adds its own listener besides"),
        new Resolution("logback.xml", 0, Side.BOTH, "SMTP+'s loggers and the distributed sample's Cassandra one"),
        new Resolution("webadmin.properties", 0, Side.DISTRIBUTED,
            "the image binds WebAdmin to every address of the container (its loopback is the container's own);"
                + " docker-compose.yml publishes the port on the host's loopback only"),
        new Resolution("mailetcontainer.xml", 0, Side.DISTRIBUTED, CASSANDRA_REPOSITORIES),
        new Resolution("mailetcontainer.xml", 1, Side.DISTRIBUTED, CASSANDRA_REPOSITORIES),
        new Resolution("mailetcontainer.xml", 2, Side.SMTP_PLUS,
            "SMTP+ has no local-address-error processor (local recipients are refused at RCPT) whose repository the"
                + " distributed sample moves to Cassandra"),
        new Resolution("mailetcontainer.xml", 3, Side.DISTRIBUTED, CASSANDRA_REPOSITORIES),
        new Resolution("mailetcontainer.xml", 4, Side.DISTRIBUTED, CASSANDRA_REPOSITORIES),
        new Resolution("mailrepositorystore.xml", 0, Side.DISTRIBUTED, CASSANDRA_REPOSITORIES),
        new Resolution("mailrepositorystore.xml", 1, Side.DISTRIBUTED, CASSANDRA_REPOSITORIES),
        new Resolution("mailrepositorystore.xml", 2, Side.DISTRIBUTED, CASSANDRA_REPOSITORIES));

    /** What this deployment sets beyond SMTP+ and James's distributed sample, on the merged canonical lines. */
    private static final List<Adjustment> DEPLOYMENT = List.of(
        new Adjustment("mailetcontainer.xml", "file://var/mail/", "cassandra://var/mail/",
            "the repositories SMTP+ adds to conf/, or that only conf/ names, in Cassandra as the image's others"),
        new Adjustment("webadmin.properties", "jwt.enabled=false\n",
            "jwt.enabled=true\njwt.publickeypem.url=file://conf/webadmin-jwt-public.pem\n",
            "WebAdmin needs an admin token in the distributed deployment"),
        new Adjustment("smtpplus.properties", "smtpplus.store=memory\n", "smtpplus.store=cassandra\n",
            "the store the cluster shares"),
        new Adjustment("smtpplus.properties", "smtpplus.scheduler=queue\n", "smtpplus.scheduler=cassandra\n",
            "the RabbitMQ mail queue of the distributed image ignores delays"),
        new Adjustment("smtpplus.properties", "smtpplus.cassandra=127.0.0.1:9042\n",
            "smtpplus.cassandra=cassandra:9042\n", "the Cassandra service of docker-compose.yml"),
        new Adjustment("smtpplus.properties", "smtpplus.stats=memory\n", "smtpplus.stats=opensearch\n",
            "events shared by the nodes"),
        new Adjustment("smtpplus.properties", "smtpplus.opensearch=http://127.0.0.1:9200\n",
            "smtpplus.opensearch=http://opensearch:9200\n", "the OpenSearch service of docker-compose.yml"),
        new Adjustment("tika.properties", "tika.enabled=true\n", "tika.enabled=false\n",
            "SMTP+ keeps no mailboxes: no attachment text to extract, so no Tika service"));

    @Test
    void theReferenceCopiesAreJamesSamplesVerbatim() {
        Map<String, String> manifest = JamesSamples.manifest();

        assertThat(manifest).as("blob ids recorded from tag james-project-3.8.1").hasSize(19 + 27 + 2 + 1);
        assertThat(JamesSamples.copies()).isEqualTo(manifest);
    }

    @Test
    void confDistributedHasTheFilesOfTheMerge() {
        TreeSet<String> expected = new TreeSet<>(JamesSamples.fileNames(JamesSamples.DISTRIBUTED));
        expected.addAll(JamesSamples.fileNames(JamesSamples.DISTRIBUTED_DOCKER));
        expected.addAll(JamesSamples.fileNames(CONF));
        JamesSamples.fileNames(JamesSamples.MEMORY).stream()
            .filter(name -> !Files.exists(CONF.resolve(name)))
            .forEach(expected::remove);
        List<String> actual = new ArrayList<>(JamesSamples.fileNames(CONF_DISTRIBUTED));
        actual.removeAll(OPERATOR_FILES);

        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void everyDifferenceFromJamesDistributedSampleIsAnSmtpPlusChangeOrADeploymentSetting() {
        List<String> problems = new ArrayList<>();
        for (String name : JamesSamples.fileNames(CONF_DISTRIBUTED)) {
            if (OPERATOR_FILES.contains(name)) {
                continue;
            }
            CanonicalConfiguration.Merged merged = CanonicalConfiguration.merge(name,
                CanonicalConfiguration.of(JamesSamples.MEMORY.resolve(name)),
                CanonicalConfiguration.of(CONF.resolve(name)),
                CanonicalConfiguration.of(JamesSamples.distributedImage(name)),
                DistributedConfigurationTest::resolve);
            problems.addAll(merged.conflicts);
            String expected = merged.text;
            for (Adjustment adjustment : DEPLOYMENT) {
                if (adjustment.file.equals(name)) {
                    assertThat(expected).as("%s: the deployment setting '%s' (%s) applies", name, adjustment.from,
                        adjustment.reason).contains(adjustment.from);
                    expected = expected.replace(adjustment.from, adjustment.to);
                }
            }
            String actual = CanonicalConfiguration.of(CONF_DISTRIBUTED.resolve(name)).orElseThrow();
            if (!actual.equals(expected)) {
                problems.add(name + " means\n" + actual + "where the merge and the deployment settings give\n" + expected);
            }
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void everyResolutionSettlesAConflict() {
        for (Resolution resolution : RESOLUTIONS) {
            List<Integer> settled = new ArrayList<>();
            CanonicalConfiguration.merge(resolution.file,
                CanonicalConfiguration.of(JamesSamples.MEMORY.resolve(resolution.file)),
                CanonicalConfiguration.of(CONF.resolve(resolution.file)),
                CanonicalConfiguration.of(JamesSamples.distributedImage(resolution.file)),
                (file, conflict, ours, theirs) -> {
                    settled.add(conflict);
                    return resolve(file, conflict, ours, theirs);
                });

            assertThat(settled).as("%s: %s", resolution.file, resolution.reason).contains(resolution.conflict);
        }
    }

    @Test
    void everyFileParses() {
        for (Path directory : List.of(CONF, CONF_DISTRIBUTED)) {
            for (String name : JamesSamples.fileNames(directory)) {
                if (name.endsWith(".xml")) {
                    CanonicalConfiguration.xml(directory.resolve(name));
                } else if (name.endsWith(".properties")) {
                    assertThat(CanonicalConfiguration.properties(directory.resolve(name))).as(name).isNotEmpty();
                }
            }
        }
    }

    private static Optional<String> resolve(String file, int conflict, String ours, String theirs) {
        return RESOLUTIONS.stream().filter(r -> r.file.equals(file) && r.conflict == conflict).findFirst()
            .map(r -> r.keep == Side.SMTP_PLUS ? ours : r.keep == Side.DISTRIBUTED ? theirs : ours + theirs);
    }

    private enum Side { SMTP_PLUS, DISTRIBUTED, BOTH }

    private static final class Resolution {
        final String file;
        final int conflict;
        final Side keep;
        final String reason;

        Resolution(String file, int conflict, Side keep, String reason) {
            this.file = file;
            this.conflict = conflict;
            this.keep = keep;
            this.reason = reason;
        }
    }

    private static final class Adjustment {
        final String file;
        final String from;
        final String to;
        final String reason;

        Adjustment(String file, String from, String to, String reason) {
            this.file = file;
            this.from = from;
            this.to = to;
            this.reason = reason;
        }
    }
}
