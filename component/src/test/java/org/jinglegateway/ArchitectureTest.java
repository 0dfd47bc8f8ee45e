package org.jinglegateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** STYLE.md §1: the component never reaches into the test harness; the mapper never reaches into the component. */
@AnalyzeClasses(packages = "org.jinglegateway", importOptions = ImportOption.DoNotIncludeTests.class)
final class ArchitectureTest {

    @ArchTest
    static final ArchRule componentDoesNotUseHarness = noClasses()
            .that().resideOutsideOfPackage("org.jinglegateway.harness..")
            .should().dependOnClassesThat().resideInAnyPackage("org.jinglegateway.harness..",
                    "org.jivesoftware..", "org.junit..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule mapperDoesNotUseComponent = noClasses().that().resideInAPackage("org.jinglegateway.mapper..")
            .should().dependOnClassesThat().resideInAnyPackage("org.xmpp..", "org.eclipse.jetty..",
                    "com.fasterxml..", "org.slf4j..", "org.jinglegateway.xmpp..", "org.jinglegateway.call..",
                    "org.jinglegateway.ws..", "org.jinglegateway.config..", "org.jinglegateway.cli..")
            .allowEmptyShould(true);
}
