package dev.depot.server.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Counts the rows a running server reads from its database: every row a result set of a handle
 * opened on the server's {@link Jdbi} after {@link #countOn} moved to. A search that filtered,
 * sorted or paged in Java would read every candidate row through JDBC; one that lets the database
 * do it reads the page. Unlike a time limit, the count does not change with the machine's load.
 */
public final class RowsRead implements AutoCloseable {
  private final Jdbi jdbi;
  private final StatementBuilderFactory previous;
  private final AtomicLong rows = new AtomicLong();

  private RowsRead(Jdbi jdbi) {
    this.jdbi = jdbi;
    this.previous = jdbi.getStatementBuilderFactory();
  }

  /** Starts counting on handles {@code jdbi} opens from now on, until closed. */
  public static RowsRead countOn(Jdbi jdbi) {
    RowsRead counter = new RowsRead(jdbi);
    jdbi.setStatementBuilderFactory(c -> counter.new Counting(counter.previous, c));
    return counter;
  }

  /** Rows read since counting started. */
  public long count() {
    return rows.get();
  }

  @Override
  public void close() {
    jdbi.setStatementBuilderFactory(previous);
  }

  /** The server's own statement builder, its statements' result sets counted. */
  private final class Counting implements StatementBuilder {
    private final StatementBuilder delegate;

    Counting(StatementBuilderFactory factory, Connection connection) {
      this.delegate = factory.createStatementBuilder(connection);
    }

    @Override
    public Statement create(Connection conn, StatementContext ctx) throws SQLException {
      return counted(Statement.class, delegate.create(conn, ctx));
    }

    @Override
    public PreparedStatement create(Connection conn, String sql, StatementContext ctx)
        throws SQLException {
      return counted(PreparedStatement.class, delegate.create(conn, sql, ctx));
    }

    @Override
    public CallableStatement createCall(Connection conn, String sql, StatementContext ctx)
        throws SQLException {
      return counted(CallableStatement.class, delegate.createCall(conn, sql, ctx));
    }

    @Override
    public void close(Connection conn, String sql, Statement stmt) throws SQLException {
      delegate.close(conn, sql, stmt);
    }

    @Override
    public void close(Connection conn) {
      delegate.close(conn);
    }
  }

  /** A statement whose result sets count the rows they move to. */
  private <T extends Statement> T counted(Class<T> type, T statement) {
    return proxy(
        type,
        statement,
        (result, method) ->
            result instanceof ResultSet set ? proxy(ResultSet.class, set, this::next) : result);
  }

  private Object next(Object result, Method method) {
    if (method.getName().equals("next") && Boolean.TRUE.equals(result)) {
      rows.incrementAndGet();
    }
    return result;
  }

  /** What a proxy does with the answer of the method it forwarded. */
  private interface After {
    Object apply(Object result, Method method);
  }

  private static <T> T proxy(Class<T> type, T target, After after) {
    InvocationHandler handler =
        (self, method, args) -> {
          try {
            return after.apply(method.invoke(target, args), method);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return type.cast(
        Proxy.newProxyInstance(RowsRead.class.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
