package org.jinglegateway.mapper;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * STYLE.md §1: the mapper stays pure. It may use the JDK, dom4j and Guava only, and nothing of the project outside
 * {@code org.jinglegateway.mapper}. Every rule fails when it matches no class ({@code allowEmptyShould(false)}), and
 * the packages it is about are checked to exist.
 */
@AnalyzeClasses(packages = "org.jinglegateway.mapper", importOptions = ImportOption.DoNotIncludeTests.class)
final class ArchitectureTest {
    private static final String MAPPER = "org.jinglegateway.mapper..";
    /** STYLE.md §2: the mapper's packages. */
    private static final List<String> PACKAGES = List.of("org.jinglegateway.mapper",
            "org.jinglegateway.mapper.sdp", "org.jinglegateway.mapper.jingle", "org.jinglegateway.mapper.translate",
            "org.jinglegateway.mapper.candidate", "org.jinglegateway.mapper.internal");

    /** No I/O, threads, clocks, logging or other library: text and XML in, values out. */
    @ArchTest
    static final ArchRule mapperStaysPure = noClasses().that().resideInAPackage(MAPPER)
            .should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.channels..",
                    "java.util.concurrent..", "java.util.logging..", "java.time..",
                    "org.xmpp..", "org.jivesoftware..", "org.eclipse.jetty..", "com.fasterxml..", "org.slf4j..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
            .allowEmptyShould(false);

    /** The component and the harness are whatever of the project is not the mapper. */
    @ArchTest
    static final ArchRule mapperUsesNothingElseOfTheProject = noClasses().that().resideInAPackage(MAPPER)
            .should().dependOnClassesThat(resideInAPackage("org.jinglegateway..")
                    .and(resideOutsideOfPackage(MAPPER)))
            .allowEmptyShould(false);

    /** Anything variable (ids, ufrags) is passed in. */
    @ArchTest
    static final ArchRule noRandomness = noClasses().that().resideInAPackage(MAPPER)
            .should().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.SecureRandom")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.UUID")
            .allowEmptyShould(false);

    @ArchTest
    static void everyMapperPackage_holdsClasses(JavaClasses imported) {
        for (String pkg : PACKAGES) {
            assertThat(imported.that(resideInAPackage(pkg))).as("classes in %s", pkg).isNotEmpty();
        }
    }
}
