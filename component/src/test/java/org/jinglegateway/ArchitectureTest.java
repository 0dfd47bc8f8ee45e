package org.jinglegateway;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;

/**
 * STYLE.md §1: the component never reaches into the test harness or test libraries; the mapper never reaches into
 * the component. Every rule names the packages that exist (checked below) and fails when it matches no class
 * ({@code allowEmptyShould(false)}), so a renamed package cannot turn a rule into one that passes on nothing.
 */
@AnalyzeClasses(packages = "org.jinglegateway", importOptions = ImportOption.DoNotIncludeTests.class)
final class ArchitectureTest {
    /** The component's packages (STYLE.md §2), each a subtree. */
    private static final String[] COMPONENT = {"org.jinglegateway.admin..", "org.jinglegateway.call..",
        "org.jinglegateway.cli..", "org.jinglegateway.cluster..", "org.jinglegateway.config..",
        "org.jinglegateway.limits..",
        "org.jinglegateway.logging..", "org.jinglegateway.metrics..",
        "org.jinglegateway.ws..", "org.jinglegateway.xmpp.."};
    private static final String MAPPER = "org.jinglegateway.mapper..";

    @ArchTest
    static final ArchRule componentDoesNotUseHarnessOrTestLibraries = noClasses()
            .that().resideInAnyPackage(COMPONENT)
            .should().dependOnClassesThat().resideInAnyPackage("org.jinglegateway.harness..",
                    "org.jivesoftware..", "org.junit..", "org.assertj..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule mapperDoesNotUseComponent = noClasses().that().resideInAPackage(MAPPER)
            .should().dependOnClassesThat().resideInAnyPackage(Stream.concat(Stream.of("org.xmpp..",
                    "org.eclipse.jetty..", "com.fasterxml..", "org.slf4j.."), Stream.of(COMPONENT))
                    .toArray(String[]::new))
            .allowEmptyShould(false);

    /** A class in a new package would escape the rules above until the package is named in them. */
    @ArchTest
    static final ArchRule everyClassLivesInANamedPackage = classes().that().resideInAPackage("org.jinglegateway..")
            .should().resideInAnyPackage(Stream.concat(Stream.of(MAPPER), Stream.of(COMPONENT))
                    .toArray(String[]::new))
            .allowEmptyShould(false);

    @ArchTest
    static void everyNamedPackage_holdsClasses(JavaClasses imported) {
        for (String pkg : Stream.concat(Stream.of(MAPPER), Stream.of(COMPONENT)).toList()) {
            assertThat(imported.that(resideInAPackage(pkg))).as("classes in %s", pkg).isNotEmpty();
        }
    }
}
