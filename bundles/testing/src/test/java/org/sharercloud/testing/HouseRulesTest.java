package org.sharercloud.testing;

import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.sharercloud.fixture.Outside;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

/**
 * The house rules catch what they are for (a fixture with a package cycle, one reaching into another module's
 * internal package), pass a clean module, and hold for {@code api} and {@code store}, which sit below this
 * module and so are read here from their jars.
 */
public class HouseRulesTest {
    private static JavaClasses classes(String... packages) {
        return new ClassFileImporter().importPackages(packages);
    }

    @Test
    public void aPackageCycleFails() {
        AssertionError e = assertThrows(AssertionError.class, () -> HouseRules.check(
                classes("org.sharercloud.fixture.internal.a", "org.sharercloud.fixture.internal.b"), "fixture"));
        assertTrue(e.getMessage(), e.getMessage().contains("Cycle detected"));
        assertTrue(e.getMessage(), e.getMessage().contains("fixture.internal.a") && e.getMessage().contains("fixture.internal.b"));
    }

    @Test
    public void reachingIntoAnotherModulesInternalFails() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> HouseRules.check(classes("org.sharercloud.fixture.internal.c"), "fixture"));
        assertTrue(e.getMessage(), e.getMessage().contains("org.sharercloud.store.internal.Dialect"));
    }

    @Test
    public void anAllowedPackageIsAllowed() {
        HouseRules.check(classes("org.sharercloud.fixture.internal.c"), "fixture", "org.sharercloud.store.internal");
    }

    @Test
    public void aClassOutsideInternalFailsForAnImplementationModule() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> HouseRules.check(new ClassFileImporter().importClasses(Outside.class), "fixture"));
        assertTrue(e.getMessage(), e.getMessage().contains("org.sharercloud.fixture.Outside"));
    }

    @Test
    public void apiHoldsTheRules() {
        HouseRules.check(classes("org.sharercloud.api"), "api");
    }

    @Test
    public void storeHoldsTheRules() {
        HouseRules.check(classes("org.sharercloud.store"), "store");
    }
}
