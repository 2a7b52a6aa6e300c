package dev.depot.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Jdbi;

/**
 * One "server lifetime" for {@link H2CrashDurabilityTest}, in a JVM of its own: opens the database
 * with the server's URL settings, checks that the previous lifetime's last reported commit is
 * there, then writes as a task does (a row claimed, a batch of units, the row finished) while
 * another connection heartbeats, and halts the JVM the moment a second connection reads the row
 * finished.
 *
 * <p>Exit status: 0 after the halt, 3 when the previous lifetime's finished row was lost.
 */
final class CrashProbe {
  static final int LOST = 3;

  private CrashProbe() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int lifetime = Integer.parseInt(args[1]);
    // The URL and pool as the server makes them, without the migrations' start-up time.
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(H2Durability.durable(url));
    pool.setMaximumPoolSize(10);
    Jdbi jdbi = Jdbi.create(new HikariDataSource(pool));
    jdbi.useHandle(
        h -> {
          h.execute("CREATE TABLE IF NOT EXISTS probe_task (n INT PRIMARY KEY, state VARCHAR(20))");
          h.execute("CREATE TABLE IF NOT EXISTS probe_beat (n INT PRIMARY KEY, at TIMESTAMP)");
          h.execute("CREATE TABLE IF NOT EXISTS probe_unit (n INT, name VARCHAR(300))");
        });
    if (lifetime > 0 && !"finished".equals(state(jdbi, lifetime - 1))) {
      System.err.println("lifetime " + (lifetime - 1) + " reads " + state(jdbi, lifetime - 1));
      Runtime.getRuntime().halt(LOST);
    }
    jdbi.useHandle(h -> h.execute("INSERT INTO probe_beat VALUES (?, NOW())", lifetime));
    Thread.ofPlatform().daemon().start(() -> heartbeat(jdbi, lifetime));
    Thread.sleep(400);
    jdbi.useHandle(h -> h.execute("INSERT INTO probe_task VALUES (?, 'running')", lifetime));
    jdbi.useTransaction(
        h -> {
          var batch = h.prepareBatch("INSERT INTO probe_unit VALUES (?, ?)");
          for (int i = 0; i < 300; i++) {
            batch.bind(0, lifetime).bind(1, "unit-" + i + "-" + "x".repeat(200)).add();
          }
          batch.execute();
        });
    Thread.sleep(150);
    jdbi.useHandle(
        h -> h.execute("UPDATE probe_task SET state = 'finished' WHERE n = ?", lifetime));
    while (!"finished".equals(state(jdbi, lifetime))) {
      Thread.onSpinWait();
    }
    Runtime.getRuntime().halt(0); // as kill -9 would: no shutdown hook, no close
  }

  static String state(Jdbi jdbi, int lifetime) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT state FROM probe_task WHERE n = ?")
                .bind(0, lifetime)
                .mapTo(String.class)
                .findOne()
                .orElse("missing"));
  }

  private static void heartbeat(Jdbi jdbi, int lifetime) {
    try {
      while (true) {
        jdbi.useHandle(h -> h.execute("UPDATE probe_beat SET at = NOW() WHERE n = ?", lifetime));
        Thread.sleep(100 + ThreadLocalRandom.current().nextInt(200));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
