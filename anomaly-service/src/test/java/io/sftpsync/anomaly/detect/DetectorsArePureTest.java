package io.sftpsync.anomaly.detect;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The detectors stay pure functions of plain values: no Spring, no I/O, no clock of their own. */
class DetectorsArePureTest {

    static final JavaClasses DETECT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sftpsync.anomaly.detect");

    @Test
    void noSpringNoIoNoClock() {
        noClasses().that().resideInAPackage("io.sftpsync.anomaly.detect..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
                        "org.apache.kafka..", "java.io..", "java.nio..", "java.net..", "java.sql..",
                        "io.sftpsync.core.sftp..", "io.sftpsync.boot..")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .check(DETECT);
    }
}
