package dev.depot.dist.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * REST endpoints open no SQL handle (issue 15): a handler parses its input, calls a store or a
 * service, which opens the handle, and maps the result. The endpoint classes are every class of
 * {@code dev.depot.server.api} and any {@code *Endpoint(s)}, {@code *Resource} or {@code *Routes}
 * class elsewhere in depot-server; none may name JDBI's or JDBC's types, packages or handle calls.
 */
class EndpointsOpenNoSqlTest {
  /** What opening or holding a handle takes: JDBI and JDBC types, packages and calls. */
  private static final Set<String> SQL =
      Set.of(
          "jdbi",
          "Jdbi",
          "Handle",
          "withHandle",
          "useHandle",
          "inTransaction",
          "useTransaction",
          "Cursors",
          "sql",
          "Connection",
          "DataSource",
          "PreparedStatement",
          "ResultSet");

  @Test
  void restEndpointsUseStoresAndServicesNotSqlHandles() {
    List<Path> endpoints = endpointClasses(SourceTree.serverMain());
    // Not vacuous: the API package is where the checkout has it.
    assertThat(endpoints)
        .extracting(p -> p.getFileName().toString())
        .contains("UnitEndpoints.java");
    List<String> found = new ArrayList<>();
    for (Path file : endpoints) {
      found.addAll(violations(SourceTree.serverMain(), file, SourceTree.read(file)));
    }
    assertThat(found)
        .as("endpoints open SQL handles; move the SQL into a store or service")
        .isEmpty();
  }

  @Test
  void anEndpointOpeningAHandleIsReportedByClass() {
    Path root = Path.of("/src");
    Path file = root.resolve("dev/depot/server/api/PlantedEndpoints.java");
    String source =
        """
        package dev.depot.server.api;
        import org.jdbi.v3.core.Jdbi;
        final class PlantedEndpoints {
          // a comment may say withHandle
          Object list(Jdbi db) {
            return db.withHandle(h -> h.createQuery("SELECT 1").mapTo(int.class).one());
          }
        }
        """;
    assertThat(violations(root, file, source))
        .containsExactly(
            "dev.depot.server.api.PlantedEndpoints:2 jdbi",
            "dev.depot.server.api.PlantedEndpoints:2 Jdbi",
            "dev.depot.server.api.PlantedEndpoints:5 Jdbi",
            "dev.depot.server.api.PlantedEndpoints:6 withHandle");
  }

  static List<Path> endpointClasses(Path main) {
    return SourceTree.javaFiles(main).stream()
        .filter(
            p ->
                main.relativize(p).toString().replace('\\', '/').startsWith("dev/depot/server/api/")
                    || p.getFileName().toString().matches(".*(Endpoints?|Resource|Routes)\\.java"))
        .toList();
  }

  /** Each JDBI or JDBC name in one endpoint source, as {@code class:line name}. */
  static List<String> violations(Path main, Path file, String source) {
    String relative = main.relativize(file).toString().replace('\\', '/');
    String className =
        relative.substring(0, relative.length() - ".java".length()).replace('/', '.');
    List<String> found = new ArrayList<>();
    for (JavaTokens.Token token : JavaTokens.of(source)) {
      if (!token.literal() && SQL.contains(token.text())) {
        found.add(className + ":" + token.line() + " " + token.text());
      }
    }
    return found;
  }
}
