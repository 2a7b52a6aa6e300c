package dev.depot.server.event;

import dev.depot.server.db.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to HTTP listeners off the task threads: {@link #offer} only queues (a full queue
 * drops the event with a warning), and a background thread posts each event with a timeout and a
 * few retries, a bounded number at a time, so a dead or slow listener never holds a task up.
 */
public final class EventNotifier implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventNotifier.class);

  /** Delivery settings. */
  public record Settings(
      int queueCapacity,
      int concurrentDeliveries,
      int attempts,
      Duration timeout,
      Duration backoff) {
    /** What the server uses. */
    public static final Settings DEFAULT =
        new Settings(1000, 4, 3, Duration.ofSeconds(5), Duration.ofMillis(500));
  }

  private record Delivery(
      EventListenerRecord listener, String eventType, Map<String, Object> body) {}

  private final Settings settings;
  private final BlockingQueue<Delivery> queue;
  private final Semaphore inFlight;
  private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient http;
  private final Thread dispatcher;
  private volatile boolean closed;

  /** Starts the background dispatcher. */
  public EventNotifier(Settings settings) {
    this.settings = settings;
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    this.inFlight = new Semaphore(settings.concurrentDeliveries());
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    this.dispatcher = Thread.ofVirtual().name("depot-events").start(this::dispatch);
  }

  /** Queues an event for a listener; never blocks. Returns false if it was dropped. */
  public boolean offer(EventListenerRecord listener, String eventType, Map<String, Object> body) {
    if (closed || !queue.offer(new Delivery(listener, eventType, body))) {
      LOG.warn(
          "Dropped event {} for listener {}: the event queue is full ({} waiting)",
          eventType,
          listener.id(),
          queue.size());
      return false;
    }
    return true;
  }

  private void dispatch() {
    while (!closed) {
      try {
        Delivery delivery = queue.take();
        inFlight.acquire();
        senders.submit(
            () -> {
              try {
                deliver(delivery);
              } finally {
                inFlight.release();
              }
            });
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("Event dispatch failed", e);
      }
    }
  }

  private void deliver(Delivery delivery) {
    Map<String, Object> config = delivery.listener().notifierConfig();
    String url = String.valueOf(config.get("url"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(settings.timeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(delivery.body())));
    if (config.get("username") instanceof String user) {
      String password = config.get("password") instanceof String p ? p : "";
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    String failure = null;
    for (int attempt = 1; attempt <= settings.attempts() && !closed; attempt++) {
      try {
        int status =
            http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status < 300) {
          LOG.debug("Delivered {} to listener {}", delivery.eventType(), delivery.listener().id());
          return;
        }
        failure = "HTTP " + status;
      } catch (java.io.IOException e) {
        failure = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try {
        Thread.sleep(settings.backoff().toMillis() * attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (closed) {
      return; // shutting down: the rest of the attempts were not made, nothing to report
    }
    LOG.warn(
        "Gave up delivering {} to listener {} at {} after {} attempts: {}",
        delivery.eventType(),
        delivery.listener().id(),
        loggable(url),
        settings.attempts(),
        failure);
  }

  /**
   * The listener's URL as a log may show it: scheme, host, port and path, so an operator knows
   * which endpoint failed, without the user info or query, where a listener's credentials or token
   * may be.
   */
  static String loggable(String url) {
    try {
      URI uri = URI.create(url);
      String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
      String path = uri.getRawPath() == null ? "" : uri.getRawPath();
      return uri.getScheme() + "://" + uri.getHost() + port + path;
    } catch (IllegalArgumentException e) {
      return "(an invalid URL)";
    }
  }

  /** Stops delivering; events still queued are dropped. */
  @Override
  public void close() {
    closed = true;
    dispatcher.interrupt();
    senders.shutdownNow();
    try {
      senders.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
