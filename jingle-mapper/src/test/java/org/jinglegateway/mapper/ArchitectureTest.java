package org.jinglegateway.mapper;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** STYLE.md §1: the mapper stays pure. It may use the JDK, dom4j and Guava only. */
@AnalyzeClasses(packages = "org.jinglegateway.mapper", importOptions = ImportOption.DoNotIncludeTests.class)
final class ArchitectureTest {

    @ArchTest
    static final ArchRule mapperStaysPure = noClasses().that().resideInAPackage("org.jinglegateway.mapper..")
            .should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.channels..",
                    "java.util.concurrent..", "java.util.logging..", "java.time..", "java.io.File",
                    "org.xmpp..", "org.jivesoftware..", "org.eclipse.jetty..", "com.fasterxml..", "org.slf4j..",
                    "org.jinglegateway.component..", "org.jinglegateway.xmpp..", "org.jinglegateway.call..",
                    "org.jinglegateway.ws..", "org.jinglegateway.harness..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule noRandomness = noClasses().that().resideInAPackage("org.jinglegateway.mapper..")
            .should().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.SecureRandom")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.UUID")
            .allowEmptyShould(true);
}
