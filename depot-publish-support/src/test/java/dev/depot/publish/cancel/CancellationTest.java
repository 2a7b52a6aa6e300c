package dev.depot.publish.cancel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CancellationTest {
  private final Cancellation cancellation = new Cancellation();

  @Test
  void aCancelFromAnotherThreadStopsTheRunningOperation() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread canceller =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    running.await();
                    cancellation.cancel();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });

    String report =
        cancellation.run(
            stopped::countDown,
            () -> {
              running.countDown();
              return stopped.await(10, TimeUnit.SECONDS) ? "cancelled" : "ran to the end";
            },
            () -> "interrupted");

    canceller.join();
    assertThat(report).isEqualTo("cancelled");
    assertThat(cancellation.isRequested()).isTrue();
  }

  @Test
  void aCancelBeforeTheOperationStartsStopsItAsItStarts() {
    AtomicInteger stops = new AtomicInteger();
    cancellation.cancel();

    String report =
        cancellation.run(
            stops::incrementAndGet,
            () -> stops.get() == 1 ? "stopped at start" : "ran",
            () -> "interrupted");

    assertThat(report).isEqualTo("stopped at start");
  }

  @Test
  void aCancelAfterTheOperationEndedReachesNothing() {
    AtomicInteger stops = new AtomicInteger();
    cancellation.run(stops::incrementAndGet, () -> "done", () -> "interrupted");

    cancellation.cancel();

    assertThat(stops).hasValue(0);
  }

  @Test
  void anInterruptStopsTheOperationGivesItsReportAndKeepsTheThreadInterrupted() {
    AtomicInteger stops = new AtomicInteger();
    try {
      String report =
          cancellation.run(
              stops::incrementAndGet,
              () -> {
                throw new InterruptedException();
              },
              () -> "interrupted");

      assertThat(report).isEqualTo("interrupted");
      assertThat(stops).hasValue(1);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(cancellation.isRequested()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void anIoFailureReachesThePlatformUnchecked() {
    assertThatThrownBy(
            () ->
                cancellation.run(
                    () -> {},
                    () -> {
                      throw new IOException("disk full");
                    },
                    () -> "interrupted"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("disk full");
  }

  @Test
  void aLoopChecksTheFlagBetweenSteps() {
    cancellation.throwIfRequested("publish"); // nothing asked yet: goes on

    cancellation.cancel();

    assertThatThrownBy(() -> cancellation.throwIfRequested("publish"))
        .isInstanceOf(CancellationException.class)
        .hasMessage("publish cancelled");
  }
}
