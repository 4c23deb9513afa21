package dev.kontextbot.adapters.discord;

import java.util.Map;
import java.util.Optional;

/** The option values of one slash command, by option name, independent of the Discord library. */
public record CommandArguments(Map<String, String> strings, Map<String, Long> integers, Map<String, Double> numbers) {

    public CommandArguments {
        strings = Map.copyOf(strings);
        integers = Map.copyOf(integers);
        numbers = Map.copyOf(numbers);
    }

    public static CommandArguments none() {
        return new CommandArguments(Map.of(), Map.of(), Map.of());
    }

    public Optional<String> string(String name) {
        return Optional.ofNullable(strings.get(name)).map(String::strip).filter(s -> !s.isEmpty());
    }

    public Optional<Long> integer(String name) {
        return Optional.ofNullable(integers.get(name));
    }

    public Optional<Double> number(String name) {
        return Optional.ofNullable(numbers.get(name));
    }
}
