package dev.shapesvae.analysis;

import dev.shapesvae.testing.PackageRules;
import org.junit.jupiter.api.Test;

/** No package cycles in analysis and the library and CLI support beneath it (checked by ArchUnit). */
class PackageCyclesTest {
    @Test
    void packagesImportOnlyDownwards() {
        PackageRules.assertNoPackageCycles();
    }
}
