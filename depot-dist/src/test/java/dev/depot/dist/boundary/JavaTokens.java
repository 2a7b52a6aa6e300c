package dev.depot.dist.boundary;

import java.util.ArrayList;
import java.util.List;

/**
 * The identifiers and string literals of a Java source, with their lines; comments are skipped
 * (they may explain a type's name) and so is everything else. Enough of Java's lexical grammar for
 * the boundary checks: comments, string and char literals, text blocks.
 */
final class JavaTokens {
  /** An identifier or the content of a string literal (text blocks included). */
  record Token(boolean literal, String text, int line) {}

  private final String src;
  private final List<Token> tokens = new ArrayList<>();
  private int at;
  private int line = 1;

  private JavaTokens(String src) {
    this.src = src;
  }

  static List<Token> of(String source) {
    JavaTokens lexer = new JavaTokens(source);
    lexer.run();
    return lexer.tokens;
  }

  private void run() {
    while (at < src.length()) {
      char c = src.charAt(at);
      if (src.startsWith("//", at)) {
        skipUntil("\n", false);
      } else if (src.startsWith("/*", at)) {
        skipUntil("*/", true);
      } else if (src.startsWith("\"\"\"", at)) {
        literal("\"\"\"", 3);
      } else if (c == '"') {
        literal("\"", 1);
      } else if (c == '\'') {
        literal("'", 1);
      } else if (Character.isJavaIdentifierStart(c)) {
        int start = at;
        while (at < src.length() && Character.isJavaIdentifierPart(src.charAt(at))) {
          at++;
        }
        tokens.add(new Token(false, src.substring(start, at), line));
      } else {
        advance();
      }
    }
  }

  private void skipUntil(String end, boolean consumeEnd) {
    int stop = src.indexOf(end, at);
    int to = stop < 0 ? src.length() : stop + (consumeEnd ? end.length() : 0);
    while (at < to) {
      advance();
    }
  }

  private void literal(String quote, int open) {
    int startLine = line;
    at += open;
    StringBuilder text = new StringBuilder();
    while (at < src.length() && !src.startsWith(quote, at)) {
      if (src.charAt(at) == '\\' && at + 1 < src.length()) {
        text.append(src.charAt(at));
        advance();
      }
      text.append(src.charAt(at));
      advance();
    }
    at += quote.length();
    if (!quote.equals("'")) {
      tokens.add(new Token(true, text.toString(), startLine));
    }
  }

  private void advance() {
    if (src.charAt(at) == '\n') {
      line++;
    }
    at++;
  }
}
