package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.Repository;
import dev.depot.plugin.ValidationResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** yum_distributor's own keys: skip, gpgkey and force_full, checked as a user writes them. */
class YumDistributorConfigTest {
  static final String PUBLIC_KEY =
      """
      -----BEGIN PGP PUBLIC KEY BLOCK-----

      mDMEZ0xkQBYJKwYBBAHaRw8BAQdAexampleexampleexampleexampleexampleexa
      =abcd
      -----END PGP PUBLIC KEY BLOCK-----
      """;

  private final YumDistributor distributor = new YumDistributor();

  private ValidationResult validate(Map<String, Object> keys) {
    Map<String, Object> config = new HashMap<>(Map.of("relative_url", "el9", "http", true));
    config.putAll(keys);
    return distributor.validateConfig(
        Repository.named("el9"), PluginCallConfiguration.of(config), Stream::empty);
  }

  @Test
  void pulpsYumKeysAreTaken() {
    assertThat(
            validate(
                Map.of(
                    "skip",
                    List.of("erratum", "drpm", "distribution"),
                    "force_full",
                    true,
                    "gpgkey",
                    PUBLIC_KEY)))
        .isInstanceOf(ValidationResult.Valid.class);
  }

  @Test
  void anUnknownKeysRefusalListsApartThePulpKeysNotSupportedYet() {
    ValidationResult result = validate(Map.of("relative_uri", "el9"));
    assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
    String message = ((ValidationResult.Invalid) result).message();
    String known = message.substring(message.indexOf("known keys: "));
    assertThat(known.substring(0, known.indexOf(';')))
        .contains("relative_url", "checksum_type", "generate_sqlite")
        .doesNotContain("auth_ca", "https_ca", "skip_pkg_tags");
    assertThat(message).contains("recognised but not supported yet: ").contains("auth_ca");
    assertThat(validate(Map.of("auth_ca", "x")))
        .as("still refused by its own message")
        .isInstanceOf(ValidationResult.Invalid.class);
  }

  @Test
  void skipNamingATypeYumDoesNotHaveIsRefusedNamingIt() {
    ValidationResult result = validate(Map.of("skip", List.of("rpm", "iso")));
    assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
    ValidationResult.Invalid invalid = (ValidationResult.Invalid) result;
    assertThat(invalid.fields()).containsExactly("skip");
    assertThat(invalid.message())
        .startsWith("skip names types a yum repository does not have: iso; known: ")
        .contains("erratum", "srpm");
    assertThat(validate(Map.of("skip", 5))).isInstanceOf(ValidationResult.Invalid.class);
  }

  @Test
  void skipTakesCommaSeparatedTextAsTheImportersSkipDoes() {
    assertThat(validate(Map.of("skip", "srpm, erratum")))
        .isInstanceOf(ValidationResult.Valid.class);
    assertThat(YumDistributor.skipped(PluginCallConfiguration.of(Map.of("skip", "srpm,erratum"))))
        .containsExactly("srpm", "erratum");
    assertThat(validate(Map.of("skip", "srpm,iso")).toString()).contains("iso");
  }

  @Test
  void aGpgkeyThatIsNotAnArmoredPublicKeyIsRefused() {
    ValidationResult result = validate(Map.of("gpgkey", "/etc/pki/rpm-gpg/RPM-GPG-KEY"));
    assertThat(((ValidationResult.Invalid) result).message())
        .contains("gpgkey must be an ASCII-armored public key");
  }

  @Test
  void aPrivateKeyIsRefusedWithoutRepeatingIt() {
    String secret =
        "-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQVYBGSECRETSECRET\n"
            + "-----END PGP PRIVATE KEY BLOCK-----\n";
    ValidationResult.Invalid invalid =
        (ValidationResult.Invalid) validate(Map.of("gpgkey", secret));
    assertThat(invalid.fields()).containsExactly("gpgkey");
    assertThat(invalid.message()).contains("private key").doesNotContain("SECRET");
  }

  @Test
  void theConsumerPayloadHandsOutTheKeyUnderPulpsName() {
    PluginCallConfiguration config =
        PluginCallConfiguration.of(Map.of("relative_url", "el9", "gpgkey", PUBLIC_KEY));
    distributor.init(dev.depot.plugin.Platform.publishingUnder(java.nio.file.Path.of("/nowhere")));
    assertThat(
            distributor
                .createConsumerPayload(Repository.named("el9"), config, Map.of())
                .get("gpg_keys"))
        .isEqualTo(Map.of("pulp.key", PUBLIC_KEY));
    assertThat(
            distributor
                .createConsumerPayload(
                    Repository.named("el9"),
                    PluginCallConfiguration.of(Map.of("relative_url", "el9")),
                    Map.of())
                .get("gpg_keys"))
        .isEqualTo(Map.of());
  }
}
