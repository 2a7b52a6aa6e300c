package dev.depot.server.api;

import dev.depot.server.auth.UserCertificates;
import dev.depot.server.error.PermissionDenied;
import dev.depot.server.tls.IssuedCertificate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pulp's {@code POST /actions/login/}: a user who authenticated (with its password) gets a key and
 * a certificate that authenticate it over HTTPS without the password, until they expire.
 */
final class LoginEndpoint {
  private final UserCertificates certificates;

  LoginEndpoint(UserCertificates certificates) {
    this.certificates = certificates;
  }

  void register(Router router) {
    router.add("POST", Representations.API + "actions/login/", this::login);
  }

  private ApiResponse login(ApiRequest request) {
    if (request.caller() instanceof Caller.Consumer consumer) {
      throw new PermissionDenied("consumer " + consumer.name(), "log in as a user");
    }
    IssuedCertificate issued = certificates.issue(request.caller().name());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("key", issued.privateKeyPem());
    body.put("certificate", issued.certificatePem());
    return ApiResponse.ok(body);
  }
}
