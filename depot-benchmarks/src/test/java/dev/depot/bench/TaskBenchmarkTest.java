package dev.depot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark itself works (small run on H2): its figures come from tasks that really ran. */
class TaskBenchmarkTest {
  @Test
  void smallRunMeasuresThroughputAndLatency() throws Exception {
    List<TaskBenchmark.Figures> figures = TaskBenchmark.run(50, 2, null);

    assertThat(figures).hasSize(1);
    TaskBenchmark.Figures h2 = figures.get(0);
    assertThat(h2.tasks()).isEqualTo(50);
    assertThat(h2.tasksPerSecond()).isPositive();
    assertThat(h2.p50Millis()).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(h2.maxMillis());
  }
}
