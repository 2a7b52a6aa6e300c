package dev.depot.cli;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Which top-level commands a command line needs: the one it names, found the way picocli will find
 * it (the first word that is neither an option of the root nor an option's value), or all of them
 * when it names none that exists (the root's help, a misspelt command that picocli answers with
 * suggestions, {@code help}). Picocli then parses the line against that tree exactly as against the
 * whole one.
 */
final class CommandChoice {
  private CommandChoice() {}

  /**
   * @param args the command line
   * @param root the root command's class, whose {@code @Option} fields say which options take a
   *     value
   * @param commands every top-level command class
   * @return the commands to build the tree with
   */
  static List<Class<?>> named(String[] args, Class<?> root, List<Class<?>> commands) {
    Set<String> takingValue = optionsTakingValue(root);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        return commands;
      }
      if (arg.startsWith("-")) {
        if (takingValue.contains(arg)) {
          i++; // its value, which may look like a command's name
        }
        continue;
      }
      if (arg.equals("help")) {
        return commands; // the help of any command, found in the whole tree
      }
      for (Class<?> command : commands) {
        if (names(command).contains(arg)) {
          return List.of(command);
        }
      }
      return commands;
    }
    return commands;
  }

  private static Set<String> names(Class<?> command) {
    Command annotation = command.getAnnotation(Command.class);
    Set<String> names = new HashSet<>(Arrays.asList(annotation.aliases()));
    names.add(annotation.name());
    return names;
  }

  private static Set<String> optionsTakingValue(Class<?> root) {
    return Arrays.stream(root.getDeclaredFields())
        .filter(f -> f.isAnnotationPresent(Option.class) && !isFlag(f))
        .flatMap(f -> Arrays.stream(f.getAnnotation(Option.class).names()))
        .collect(Collectors.toSet());
  }

  private static boolean isFlag(Field field) {
    return field.getType() == boolean.class || field.getType() == Boolean.class;
  }
}
