package dev.depot.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table: a header row, aligned columns, no borders to get in a script's way. */
public final class Table {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  /** A table with these column names. */
  public Table(String... header) {
    this.header = List.of(header);
  }

  /** Adds a row; null cells print as "-". */
  public Table row(Object... cells) {
    List<String> row = new ArrayList<>();
    for (Object cell : cells) {
      row.add(cell == null ? "-" : cell.toString());
    }
    rows.add(row);
    return this;
  }

  /** Whether no row was added. */
  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The table as text, one line per row, ending with a newline. */
  public String render() {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], i < row.size() ? row.get(i).length() : 0);
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, header, widths);
    for (List<String> row : rows) {
      line(out, row, widths);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      String cell = i < cells.size() ? cells.get(i) : "";
      line.append(cell);
      if (i < widths.length - 1) {
        line.append(" ".repeat(widths[i] - cell.length() + 2));
      }
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
