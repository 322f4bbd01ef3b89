package dev.shapesvae.inference;

import dev.shapesvae.testing.PackageRules;
import org.junit.jupiter.api.Test;

/** No package cycles in the inference library (checked by ArchUnit). */
class PackageCyclesTest {
    @Test
    void packagesImportOnlyDownwards() {
        PackageRules.assertNoPackageCycles();
    }
}
