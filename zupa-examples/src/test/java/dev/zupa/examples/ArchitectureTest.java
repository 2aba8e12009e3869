package dev.zupa.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The module order (core ← engine ← runtime ← adapters; testkit and examples on top) and the privacy of
 * {@code internal} packages, checked on the production classes of every Zupa module on this module's class path.
 * The project ships no {@code module-info.java}, so this test is what keeps both honest.
 */
class ArchitectureTest {
    private static final String CORE = "dev.zupa.core..";
    private static final String ENGINE = "dev.zupa.engine..";
    private static final String RUNTIME = "dev.zupa.runtime..";
    private static final String ADAPTERS = "dev.zupa.adapters..";
    private static final String TESTKIT = "dev.zupa.testkit..";
    private static final String EXAMPLES = "dev.zupa.examples..";
    private static final String BENCH = "dev.zupa.bench..";

    /** {@code dev.zupa.<module>.internal..}, where an adapter's module is {@code adapters.<name>}. */
    private static final Pattern INTERNAL =
            Pattern.compile("(dev\\.zupa\\.(?:adapters\\.[^.]+|[^.]+))\\.internal(\\..*)?");

    private static final JavaClasses ZUPA = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.zupa");

    private static final ArchRule NO_FOREIGN_INTERNALS =
            classes().that().resideInAPackage("dev.zupa..").should(notReachIntoAnotherModulesInternals());

    @Test
    void importsTheProductionClassesOfEveryModule() {
        assertThat(ZUPA.contain("dev.zupa.core.json.JsonCodec")).isTrue();
        assertThat(ZUPA.contain("dev.zupa.engine.Graph")).isTrue();
        assertThat(ZUPA.contain("dev.zupa.engine.internal.Engine")).isTrue();
        assertThat(ZUPA.contain("dev.zupa.adapters.sqlite.SqliteCheckpointStore"))
                .isTrue();
        assertThat(ZUPA.contain("dev.zupa.testkit.CheckpointStoreContract")).isTrue();
        assertThat(ZUPA.contain("dev.zupa.examples.engine.CountdownGraph")).isTrue();
        assertThat(ZUPA.contain(ArchitectureTest.class.getName())).isFalse();
    }

    @Test
    void coreDependsOnNoOtherModule() {
        noClasses()
                .that()
                .resideInAPackage(CORE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ENGINE, RUNTIME, ADAPTERS, TESTKIT, EXAMPLES, BENCH)
                .check(ZUPA);
    }

    @Test
    void engineDependsOnlyOnCore() {
        noClasses()
                .that()
                .resideInAPackage(ENGINE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(RUNTIME, ADAPTERS, TESTKIT, EXAMPLES, BENCH)
                .check(ZUPA);
    }

    @Test
    void runtimeDependsNeitherOnAdaptersNorOnTestkit() {
        noClasses()
                .that()
                .resideInAPackage(RUNTIME)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ADAPTERS, TESTKIT, EXAMPLES, BENCH)
                .allowEmptyShould(true) // the runtime has no classes yet
                .check(ZUPA);
    }

    @Test
    void adaptersDependOnCoreAndEngineOnly() {
        noClasses()
                .that()
                .resideInAPackage(ADAPTERS)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(RUNTIME, TESTKIT, EXAMPLES, BENCH)
                .check(ZUPA);
    }

    @Test
    void adaptersNeverDependOnEachOther() {
        slices().matching("dev.zupa.adapters.(*)..")
                .should()
                .notDependOnEachOther()
                .check(ZUPA);
    }

    @Test
    void testkitDependsOnCoreAndEngineOnly() {
        noClasses()
                .that()
                .resideInAPackage(TESTKIT)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(RUNTIME, ADAPTERS, EXAMPLES, BENCH)
                .check(ZUPA);
    }

    @Test
    void coreUsesNoVendorLibrary() {
        noClasses()
                .that()
                .resideInAPackage(CORE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "okhttp3..", "java.sql..", "javax.sql..", "io.github.resilience4j..", "org.sqlite..")
                .check(ZUPA);
    }

    @Test
    void noModuleReachesIntoAnotherModulesInternals() {
        NO_FOREIGN_INTERNALS.check(ZUPA);
    }

    @Test
    void internalsRuleCatchesAnOutsider() {
        var outsider = new ClassFileImporter().importClasses(ReachesIntoEngineInternals.class);

        assertThatThrownBy(() -> NO_FOREIGN_INTERNALS.check(outsider))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("dev.zupa.engine.internal.Ids");
    }

    private static ArchCondition<JavaClass> notReachIntoAnotherModulesInternals() {
        return new ArchCondition<>("not depend on another module's internal packages") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
                    var matcher = INTERNAL.matcher(dependency.getTargetClass().getPackageName());
                    if (matcher.matches() && !inModule(item.getPackageName(), matcher.group(1))) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static boolean inModule(String packageName, String modulePackage) {
        return packageName.equals(modulePackage) || packageName.startsWith(modulePackage + ".");
    }
}
