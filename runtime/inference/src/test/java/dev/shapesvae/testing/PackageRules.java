package dev.shapesvae.testing;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package rule every module's build checks with ArchUnit: no two packages of shapes-vae import
 * each other, directly or through others, so each package can be read knowing only those below it.
 * Each module checks every package on its class path (its own and the modules it depends on).
 */
public final class PackageRules {
    private PackageRules() {
    }

    /** Fails, naming each cycle, if the production classes of shapes-vae on the class path have a package cycle. */
    public static void assertNoPackageCycles() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.shapesvae");
        slices().matching("dev.shapesvae.(**)").should().beFreeOfCycles().check(classes);
    }
}
