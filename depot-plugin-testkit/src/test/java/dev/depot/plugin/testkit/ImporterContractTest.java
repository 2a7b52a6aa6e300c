package dev.depot.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.depot.plugin.Importer;
import dev.depot.plugin.testkit.SampleImporter.Flaw;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;

/** Each check of {@link ImporterContract} fails for an importer that breaks it. */
class ImporterContractTest {
  static final Map<String, Object> VALID =
      Map.of("feed", "https://example.com/notes/", "mirrors", List.of("https://mirror.example/"));

  static final Map<String, Map<String, Object>> INVALID =
      Map.of(
          "feed", Map.of("feed", "ftp://example.com/notes/"),
          "mirrors", Map.of("feed", "https://example.com/", "mirrors", "not a list"));

  /** The contract run against importers from {@code importers}. */
  private record Contract(
      Supplier<Importer> importers,
      Map<String, Object> valid,
      Map<String, Map<String, Object>> invalid)
      implements ImporterContract {
    Contract(Flaw flaw) {
      this(() -> new SampleImporter(flaw), VALID, INVALID);
    }

    @Override
    public Importer newImporter() {
      return importers.get();
    }

    @Override
    public Map<String, Object> validConfig() {
      return valid;
    }

    @Override
    public Map<String, Map<String, Object>> invalidConfigs() {
      return invalid;
    }
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> fails(ThrowingCallable check) {
    return assertThatThrownBy(check).isInstanceOf(AssertionError.class);
  }

  private static void runAll(Stream<DynamicTest> tests) throws Throwable {
    for (DynamicTest test : tests.toList()) {
      test.getExecutable().execute();
    }
  }

  @Test
  void anUpperCaseIdIsNotWellFormed() {
    fails(new Contract(Flaw.UPPER_CASE_ID)::metadataIsWellFormed)
        .hasMessageContaining("lower-case");
  }

  @Test
  void metadataThatVariesByInstanceIsCaught() {
    fails(new Contract(Flaw.METADATA_VARIES)::metadataIsTheSameOnEveryInstance);
  }

  @Test
  void anImporterMissingFromTheServicesFileIsCaught() {
    fails(
            new Contract(SampleImporter.Unlisted::new, VALID, INVALID)
                ::isListedAsAServiceWithAPublicNoArgConstructor)
        .hasMessageContaining("META-INF/services/dev.depot.plugin.Importer");
  }

  @Test
  void refusingTheValidConfigIsCaught() {
    Map<String, Object> plainHttp = Map.of("feed", "http://example.com/notes/");
    fails(new Contract(SampleImporter::new, plainHttp, INVALID)::acceptsTheValidConfig)
        .hasMessageContaining("feed must be an https:// URL");
  }

  @Test
  void aRefusalThatDoesNotNameTheKeyIsCaught() {
    Contract contract = new Contract(Flaw.REFUSES_WITHOUT_NAMING_THE_KEY);
    fails(() -> runAll(contract.refusesEachInvalidConfigNamingItsKey()))
        .hasMessageContaining("must name feed");
  }

  @Test
  void throwingInsteadOfRefusingIsCaught() {
    Contract contract = new Contract(Flaw.THROWS_ON_A_BAD_FEED);
    fails(() -> runAll(contract.refusesEachInvalidConfigNamingItsKey()))
        .hasMessageContaining("threw instead of returning a result");
  }

  @Test
  void anEmptyListOfInvalidConfigsIsCaught() {
    fails(new Contract(SampleImporter::new, VALID, Map.of())::refusesEachInvalidConfigNamingItsKey)
        .hasMessageContaining("invalidConfigs()");
  }

  @Test
  void ignoringAnUnknownKeyIsCaught() {
    fails(new Contract(Flaw.IGNORES_UNKNOWN_KEYS)::refusesAnUnknownKeyNamingIt)
        .hasMessageContaining("no_such_key_");
  }

  @Test
  void changingANestedListOfTheConfigIsCaught() {
    fails(new Contract(Flaw.EMPTIES_THE_MIRRORS_LIST)::validationLeavesTheConfigUnchanged)
        .hasMessageContaining("mirror.example");
  }

  @Test
  void aCancelThatThrowsIsCaught() {
    assertThatThrownBy(new Contract(Flaw.CANCEL_THROWS)::cancellingAnIdleInstanceReturnsAtOnce)
        .hasMessageContaining("nothing to cancel");
  }
}
