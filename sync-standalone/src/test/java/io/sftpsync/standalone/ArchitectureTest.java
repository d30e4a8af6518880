package io.sftpsync.standalone;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules, checked on the main classes of every module (this module depends on all of them): service
 * modules stand on the shared modules only, sync-core has no Spring, and no package cycle exists.
 */
class ArchitectureTest {

    /** The root package of each service module. */
    static final List<String> SERVICES = List.of("scanner", "transfer", "large", "approval", "anomaly");

    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.sftpsync");
    }

    @Test
    void theClassesOfEveryModuleAreChecked() {
        for (String module : List.of("core", "boot", "db", "scanner", "transfer", "large", "approval", "anomaly",
                "standalone")) {
            org.assertj.core.api.Assertions.assertThat(classes.stream().map(JavaClass::getPackageName))
                    .as(module).anyMatch(p -> p.startsWith("io.sftpsync." + module));
        }
    }

    @Test
    void noServiceModuleDependsOnAnother() {
        for (String service : SERVICES) {
            String[] others = SERVICES.stream().filter(s -> !s.equals(service)).map(s -> "io.sftpsync." + s + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage("io.sftpsync." + service + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("a service stands on sync-core, sync-boot and sync-db only; the standalone joins them")
                    .allowEmptyShould(true).check(classes);
        }
    }

    @Test
    void syncCoreHasNoSpring() {
        noClasses().that().resideInAPackage("io.sftpsync.core..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .because("sync-core is the shared library every service and tool uses, with or without Spring")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().assignedFrom(PACKAGES_WITH_THEIR_INTERNALS).should().beFreeOfCycles().check(classes);
    }

    /**
     * One slice per package, an {@code internal} package counted with the package whose interfaces it
     * implements: the API names its implementation only to create it.
     */
    static final SliceAssignment PACKAGES_WITH_THEIR_INTERNALS = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String p = javaClass.getPackageName();
            if (!p.startsWith("io.sftpsync.")) {
                return SliceIdentifier.ignore();
            }
            return SliceIdentifier.of(p.endsWith(".internal") ? p.substring(0, p.length() - ".internal".length()) : p);
        }

        @Override
        public String getDescription() {
            return "packages of io.sftpsync, internal ones with their parent";
        }
    };
}
