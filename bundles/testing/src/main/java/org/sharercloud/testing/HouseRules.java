package org.sharercloud.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

/**
 * The house rules of docs/CONVENTIONS.md that the compiled classes can show, checked by each module's
 * {@code ArchitectureTest}:
 * <ol>
 * <li>no cycle between packages (each package is a slice; a cycle fails with the classes that close it);</li>
 * <li>a module uses no package of another module but {@code api} and the {@code timers} helper (so no
 * other module's {@code internal} package), except the packages it names, each with its reason;</li>
 * <li>an implementation module keeps its classes under {@code org.sharercloud.MODULE.internal}.</li>
 * </ol>
 */
public final class HouseRules {
    private static final String ROOT = "org.sharercloud.";
    private static final List<String> SHARED = List.of(ROOT + "api", ROOT + "timers");

    private HouseRules() {
    }

    /**
     * Checks the module whose classes are under {@code org.sharercloud.MODULE}, as compiled into the module's class
     * folder ({@code target/classes}; not its tests, not jars on the class path).
     *
     * @param module  the module's package name under {@code org.sharercloud} ({@code members}, {@code contributor})
     * @param allowed packages of other modules this one may use (each with a comment at the call saying why)
     */
    public static void check(String module, String... allowed) {
        Path folder = Path.of(System.getProperty("basedir", "."), "target", "classes");
        if (!Files.isDirectory(folder)) {
            throw new AssertionError("no class folder at " + folder.toAbsolutePath() + ": run the test from the module's build");
        }
        String root = ROOT + module;
        JavaClasses classes = new ClassFileImporter().importPath(folder)
                .that(DescribedPredicate.describe("in " + root, c -> within(c.getPackageName(), root)));
        check(classes, module, allowed);
    }

    /** As {@link #check(String, String...)} over classes imported by the caller (from jars, say). */
    public static void check(JavaClasses classes, String module, String... allowed) {
        if (classes.isEmpty()) {
            throw new AssertionError("no classes of " + ROOT + module + " found: is the module compiled?");
        }
        noPackageCycles(classes);
        noForeignPackages(classes, module, List.of(allowed));
        if (!"api".equals(module)) {
            classes().should().resideInAPackage(ROOT + module + ".internal..")
                    .because("a bundle's implementation lives in internal packages (habit 2)")
                    .check(classes);
        }
    }

    /** Fails when the packages of these classes import each other in a loop. */
    public static void noPackageCycles(JavaClasses classes) {
        slices().matching(ROOT + "(**)").namingSlices("$1")
                .should().beFreeOfCycles()
                .because("packages depend on each other one way only (docs/CONVENTIONS.md)")
                .check(classes);
    }

    private static void noForeignPackages(JavaClasses classes, String module, List<String> allowed) {
        String own = ROOT + module;
        DescribedPredicate<JavaClass> foreign = DescribedPredicate.describe(
                "belong to another module than " + own + ", api and timers" + (allowed.isEmpty() ? "" : " (allowed: " + allowed + ")"),
                c -> {
                    String p = c.getPackageName();
                    return p.startsWith(ROOT) && !within(p, own) && SHARED.stream().noneMatch(s -> within(p, s))
                            && allowed.stream().noneMatch(a -> within(p, a));
                });
        noClasses().should().dependOnClassesThat(foreign)
                .because("modules talk through api services and events, never through each other's classes (habit 1)")
                .check(classes);
    }

    private static boolean within(String pkg, String root) {
        return pkg.equals(root) || pkg.startsWith(root + ".");
    }
}
