package dev.depot.plugins.rpm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A rich (boolean) dependency, as rpm 4.13 and later write them and primary.xml lists them, whole,
 * as one entry's name: {@code (A and B)}, {@code (A or B)}, {@code (A with B)}, {@code (A without
 * B)}, {@code (A if B [else C])}, {@code (A unless B [else C])}, nested in parentheses; each
 * operand a package, virtual or file name with an optional version comparison ({@code lib >= 1.1}).
 *
 * <p>Judged against the packages a copy holds ({@link #met}) and, when not met, met from the source
 * ({@link #bring}) as {@link DependencyClosure} meets a plain requirement: the newest provider of
 * each name; of {@code or}'s alternatives the first the source can meet; a condition ({@code if},
 * {@code unless}) as the packages held so far answer it.
 */
sealed interface RichDependency {
  /** The packages a rich dependency is judged against. */
  interface Packages {
    /** The packages held already (copied or, conservatively, in the destination) meeting it. */
    List<PackageCaps> held(Capability required);

    /** The source's packages meeting it. */
    List<PackageCaps> available(Capability required);

    /** Brings the newest of each name of these source packages (none: nothing). */
    void bring(List<PackageCaps> providers);
  }

  /** Whether a requirement's name is a rich dependency rather than a plain name. */
  static boolean is(String name) {
    return name.startsWith("(");
  }

  /** Reads one; an expression rpm would not have written is an IllegalArgumentException. */
  static RichDependency parse(String text) {
    RichParser parser = new RichParser(text);
    RichDependency parsed = parser.group();
    parser.end();
    return parsed;
  }

  /** Whether the packages held meet it. */
  boolean met(Packages packages);

  /** Whether it can be met from the packages held and the source's. */
  boolean possible(Packages packages);

  /** Brings from the source what it needs; called only when {@link #possible} and not met. */
  void bring(Packages packages);

  /** A plain requirement inside a rich one. */
  record Simple(Capability capability) implements RichDependency {
    @Override
    public boolean met(Packages packages) {
      return !packages.held(capability).isEmpty();
    }

    @Override
    public boolean possible(Packages packages) {
      return met(packages) || !packages.available(capability).isEmpty();
    }

    @Override
    public void bring(Packages packages) {
      if (!met(packages)) {
        packages.bring(packages.available(capability));
      }
    }
  }

  /** {@code and}: every operand; {@code or}: one of them. */
  record AllOrAny(boolean all, List<RichDependency> operands) implements RichDependency {
    @Override
    public boolean met(Packages packages) {
      Predicate<RichDependency> met = o -> o.met(packages);
      return all ? operands.stream().allMatch(met) : operands.stream().anyMatch(met);
    }

    @Override
    public boolean possible(Packages packages) {
      Predicate<RichDependency> possible = o -> o.possible(packages);
      return all ? operands.stream().allMatch(possible) : operands.stream().anyMatch(possible);
    }

    @Override
    public void bring(Packages packages) {
      for (RichDependency operand : operands) {
        if (operand.met(packages)) {
          if (!all) {
            return;
          }
        } else if (operand.possible(packages)) {
          operand.bring(packages);
          if (!all) {
            return;
          }
        }
      }
    }
  }

  /**
   * {@code with}: one package meeting every operand; {@code without}: the first, not the second.
   */
  record OnePackage(boolean with, Capability first, Capability second) implements RichDependency {
    private List<PackageCaps> meeting(List<PackageCaps> candidates) {
      return candidates.stream().filter(p -> p.meets(second) == with).toList();
    }

    @Override
    public boolean met(Packages packages) {
      return !meeting(packages.held(first)).isEmpty();
    }

    @Override
    public boolean possible(Packages packages) {
      return met(packages) || !meeting(packages.available(first)).isEmpty();
    }

    @Override
    public void bring(Packages packages) {
      packages.bring(meeting(packages.available(first)));
    }
  }

  /**
   * {@code A if B else C} ({@code unless}: with B negated); no {@code else} needs nothing when the
   * condition does not hold.
   */
  record Conditional(
      boolean unless, RichDependency then, RichDependency condition, RichDependency otherwise)
      implements RichDependency {
    private RichDependency chosen(Packages packages) {
      return condition.met(packages) != unless ? then : otherwise;
    }

    @Override
    public boolean met(Packages packages) {
      RichDependency chosen = chosen(packages);
      return chosen == null || chosen.met(packages);
    }

    @Override
    public boolean possible(Packages packages) {
      RichDependency chosen = chosen(packages);
      return chosen == null || chosen.possible(packages);
    }

    @Override
    public void bring(Packages packages) {
      RichDependency chosen = chosen(packages);
      if (chosen != null) {
        chosen.bring(packages);
      }
    }
  }

  /** Reads the expression token by token: parentheses, operators, names and comparisons. */
  final class RichParser {
    private final String text;
    private final List<String> tokens = new ArrayList<>();
    private int next;

    RichParser(String text) {
      this.text = text;
      StringBuilder token = new StringBuilder();
      for (char c : text.toCharArray()) {
        if (c == '(' || c == ')' || Character.isWhitespace(c)) {
          if (!token.isEmpty()) {
            tokens.add(token.toString());
            token.setLength(0);
          }
          if (!Character.isWhitespace(c)) {
            tokens.add(String.valueOf(c));
          }
        } else {
          token.append(c);
        }
      }
      if (!token.isEmpty()) {
        tokens.add(token.toString());
      }
    }

    /** {@code ( operand [op operand]... )}. */
    RichDependency group() {
      expect("(");
      List<RichDependency> operands = new ArrayList<>(List.of(operand()));
      if (peek().equals(")")) {
        take();
        return operands.get(0);
      }
      String op = take().toLowerCase(Locale.ROOT);
      operands.add(operand());
      RichDependency parsed =
          switch (op) {
            case "and", "or" -> {
              while (peek().equalsIgnoreCase(op)) {
                take();
                operands.add(operand());
              }
              yield new AllOrAny(op.equals("and"), List.copyOf(operands));
            }
            case "with", "without" ->
                new OnePackage(op.equals("with"), simple(operands.get(0)), simple(operands.get(1)));
            case "if", "unless" -> {
              RichDependency otherwise = null;
              if (peek().equalsIgnoreCase("else")) {
                take();
                otherwise = operand();
              }
              yield new Conditional(
                  op.equals("unless"), operands.get(0), operands.get(1), otherwise);
            }
            default -> throw invalid("unknown operator '" + op + "'");
          };
      expect(")");
      return parsed;
    }

    void end() {
      if (next < tokens.size()) {
        throw invalid("text after its closing parenthesis");
      }
    }

    private RichDependency operand() {
      if (peek().equals("(")) {
        return group();
      }
      String name = take();
      if (name.equals(")")) {
        throw invalid("an operand missing");
      }
      String flags =
          switch (peek()) {
            case "<" -> "LT";
            case "<=" -> "LE";
            case "=", "==" -> "EQ";
            case ">=" -> "GE";
            case ">" -> "GT";
            default -> null;
          };
      if (flags == null) {
        return new Simple(new Capability(name, null, null));
      }
      take();
      return new Simple(new Capability(name, flags, evr(take())));
    }

    private static Evr evr(String text) {
      int colon = text.indexOf(':');
      String epoch = colon < 0 ? null : text.substring(0, colon);
      String rest = text.substring(colon + 1);
      int dash = rest.lastIndexOf('-');
      return dash < 0
          ? new Evr(epoch, rest, null)
          : new Evr(epoch, rest.substring(0, dash), rest.substring(dash + 1));
    }

    private Capability simple(RichDependency operand) {
      if (operand instanceof Simple s) {
        return s.capability();
      }
      throw invalid("'with' and 'without' take plain names");
    }

    private String peek() {
      return next < tokens.size() ? tokens.get(next) : "";
    }

    private String take() {
      if (next >= tokens.size()) {
        throw invalid("it ends too early");
      }
      return tokens.get(next++);
    }

    private void expect(String token) {
      if (!take().equals(token)) {
        throw invalid("'" + token + "' expected");
      }
    }

    private IllegalArgumentException invalid(String why) {
      return new IllegalArgumentException("not a rich dependency rpm reads: " + text + ": " + why);
    }
  }
}
