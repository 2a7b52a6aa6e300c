package dev.depot.server.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The notifier's queue and retries against a real local HTTP listener. */
class EventNotifierTest {
  private static EventListenerRecord listener(String url) {
    return new EventListenerRecord("l1", "http", Map.of("url", url), List.of("*"));
  }

  @Test
  void aFullQueueDropsEventsInsteadOfBlocking() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    HttpServer hanging = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hanging.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    hanging.createContext(
        "/",
        exchange -> {
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    hanging.start();
    EventNotifier.Settings settings =
        new EventNotifier.Settings(2, 1, 1, Duration.ofSeconds(10), Duration.ofMillis(10));
    try (EventNotifier notifier = new EventNotifier(settings)) {
      EventListenerRecord l = listener("http://127.0.0.1:" + hanging.getAddress().getPort() + "/");
      long started = System.nanoTime();
      int accepted = 0;
      for (int i = 0; i < 50; i++) {
        if (notifier.offer(l, "repo.publish.finish", Map.of("n", i))) {
          accepted++;
        }
      }
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(1_000);
      // One in flight, one taken by the dispatcher waiting for a permit, two queued at most.
      assertThat(accepted).isBetween(2, 4);
    } finally {
      release.countDown();
      hanging.stop(0);
    }
  }

  @Test
  void aFailingListenerIsRetriedThenGivenUp() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpServer failing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    failing.createContext(
        "/",
        exchange -> {
          calls.incrementAndGet();
          exchange.sendResponseHeaders(500, -1);
          exchange.close();
        });
    failing.start();
    EventNotifier.Settings settings =
        new EventNotifier.Settings(10, 1, 3, Duration.ofSeconds(2), Duration.ofMillis(10));
    try (EventNotifier notifier = new EventNotifier(settings)) {
      notifier.offer(
          listener("http://127.0.0.1:" + failing.getAddress().getPort() + "/"),
          "repo.sync.start",
          Map.of());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (calls.get() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Thread.sleep(200);
      assertThat(calls.get()).isEqualTo(3);
    } finally {
      failing.stop(0);
    }
  }

  @Test
  void theGiveUpLogNamesTheEndpointWithoutItsCredentialsOrQuery() {
    assertThat(EventNotifier.loggable("https://bob:s3cret@hooks.example.com:8443/in/x?token=abc"))
        .isEqualTo("https://hooks.example.com:8443/in/x");
    assertThat(EventNotifier.loggable("http://10.0.0.5/hook")).isEqualTo("http://10.0.0.5/hook");
    assertThat(EventNotifier.loggable("not a url")).isEqualTo("(an invalid URL)");
  }
}
