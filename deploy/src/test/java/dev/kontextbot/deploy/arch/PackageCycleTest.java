package dev.kontextbot.deploy.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreeScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * No import circle between the packages of any module's main sources. Read from the sources (javac's parser), not
 * the class files: a constant such as an exit code is inlined by the compiler and leaves no trace in the class that
 * imports it. An edge is an import, or a fully qualified {@code dev.kontextbot...} name in the code.
 */
@Tag("integration") // about 2 s: javac parses every main source
class PackageCycleTest {

    private static final Path ROOT = Path.of("..");
    private static final String PROJECT = "dev.kontextbot.";

    /**
     * Circles tolerated for now, each as its sorted packages: none (issue 25 removed the last one, inference's face
     * and model, by moving the stand-in face writer into face). A circle that is not listed fails the test, and so
     * does an entry here that no longer matches a circle, so the list can only shrink.
     */
    private static final List<Set<String>> KNOWN = List.of();

    /** package -> package it uses -> the first source file that makes the edge and the name it uses. */
    private static Map<String, Map<String, String>> graph;

    @BeforeAll
    static void readTheSources() throws IOException {
        graph = dependencies(mainSourceFiles());
    }

    @Test
    void theSourcesOfEveryModuleAreRead() {
        assertThat(graph.keySet().stream().map(p -> p.split("\\.")[2]).distinct())
                .contains("prompts", "inference", "conversation", "core", "adapters", "deploy");
        assertThat(graph.keySet()).contains("dev.kontextbot.adapters.console", "dev.kontextbot.adapters.web",
                "dev.kontextbot.adapters.telegram", "dev.kontextbot.adapters.discord");
    }

    @Test
    void noPackageImportCircle() {
        List<Set<String>> circles = circles(graph);
        List<String> unknown = circles.stream()
                .filter(c -> KNOWN.stream().noneMatch(known -> known.containsAll(c)))
                .map(PackageCycleTest::describe).toList();
        List<String> stale = KNOWN.stream()
                .filter(known -> circles.stream().noneMatch(known::containsAll))
                .map(known -> "no longer a circle, remove it from the known circles: " + known)
                .toList();
        assertThat(Stream.concat(unknown.stream(), stale.stream()).toList())
                .as("package import circles in the main sources").isEmpty();
    }

    @Test
    void aCircleIsFoundAndNamedWithTheFilesThatMakeIt() {
        Map<String, Map<String, String>> twoWay = Map.of(
                "a", Map.of("b", "A.java imports b.B"),
                "b", Map.of("c", "B.java imports c.C"),
                "c", Map.of("a", "C.java imports a.A"),
                "d", Map.of("a", "D.java imports a.A"));

        List<Set<String>> circles = circles(twoWay);

        assertThat(circles).containsExactly(Set.of("a", "b", "c"));
        assertThat(describe(circles.getFirst(), twoWay))
                .contains("a -> b -> c -> a", "A.java imports b.B", "C.java imports a.A");
    }

    private static List<Path> mainSourceFiles() throws IOException {
        try (Stream<Path> all = Files.walk(ROOT, 12)) {
            return all.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/") && !p.toString().contains("/target/"))
                    .toList();
        }
    }

    private static Map<String, Map<String, String>> dependencies(List<Path> files) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager manager = javac.getStandardFileManager(null, null, null)) {
            Iterable<? extends JavaFileObject> sources = manager.getJavaFileObjectsFromPaths(files);
            JavacTask task = (JavacTask) javac.getTask(null, manager, null, List.of("-proc:none"), null, sources);
            List<CompilationUnitTree> units = new ArrayList<>();
            task.parse().forEach(units::add);
            Set<String> packages = units.stream().filter(u -> u.getPackageName() != null)
                    .map(u -> u.getPackageName().toString()).collect(Collectors.toCollection(TreeSet::new));
            Map<String, Map<String, String>> edges = new TreeMap<>();
            for (CompilationUnitTree unit : units) {
                String from = unit.getPackageName().toString();
                Map<String, String> out = edges.computeIfAbsent(from, k -> new TreeMap<>());
                String file = ROOT.toAbsolutePath().normalize().relativize(Path.of(unit.getSourceFile().toUri())).toString();
                for (ImportTree i : unit.getImports()) {
                    add(out, from, packageOf(i.getQualifiedIdentifier().toString(), packages), file + " imports "
                            + i.getQualifiedIdentifier());
                }
                new TreeScanner<Void, Void>() {
                    @Override
                    public Void visitMemberSelect(MemberSelectTree select, Void unused) {
                        String name = select.toString();
                        if (name.startsWith(PROJECT)) {
                            add(out, from, packageOf(name, packages), file + " names " + name);
                            return null; // the outermost name is the whole of it
                        }
                        return super.visitMemberSelect(select, unused);
                    }

                    @Override
                    public Void visitImport(ImportTree tree, Void unused) {
                        return null; // counted above
                    }
                }.scan(unit, null);
            }
            return edges;
        }
    }

    private static void add(Map<String, String> out, String from, String to, String evidence) {
        if (to != null && !to.equals(from)) {
            out.putIfAbsent(to, evidence);
        }
    }

    /** The longest project package that {@code name} starts with (a type, a nested type, a member or a wildcard). */
    private static String packageOf(String name, Set<String> packages) {
        String candidate = name.endsWith(".*") ? name.substring(0, name.length() - 2) : name;
        while (candidate.contains(".")) {
            if (packages.contains(candidate)) {
                return candidate;
            }
            candidate = candidate.substring(0, candidate.lastIndexOf('.'));
        }
        return null;
    }

    /** The strongly connected components of more than one package (Tarjan's algorithm), each sorted. */
    static List<Set<String>> circles(Map<String, Map<String, String>> edges) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> found = new ArrayList<>();
        for (String start : new TreeSet<>(edges.keySet())) {
            if (!index.containsKey(start)) {
                connect(start, edges, index, low, stack, onStack, found);
            }
        }
        found.sort((a, b) -> a.toString().compareTo(b.toString()));
        return found;
    }

    private static void connect(String node, Map<String, Map<String, String>> edges, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> found) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        onStack.add(node);
        for (String next : edges.getOrDefault(node, Map.of()).keySet()) {
            if (!index.containsKey(next)) {
                connect(next, edges, index, low, stack, onStack, found);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }

    private static String describe(Set<String> circle) {
        return describe(circle, graph);
    }

    /** One closed path through the circle's packages, then the file behind each step. */
    static String describe(Set<String> circle, Map<String, Map<String, String>> edges) {
        String first = circle.iterator().next();
        Map<String, String> previous = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(first));
        String last = null;
        while (!queue.isEmpty() && last == null) {
            String node = queue.poll();
            for (String next : edges.getOrDefault(node, Map.of()).keySet()) {
                if (next.equals(first)) {
                    last = node;
                    break;
                }
                if (circle.contains(next) && !previous.containsKey(next)) {
                    previous.put(next, node);
                    queue.add(next);
                }
            }
        }
        List<String> path = new ArrayList<>(List.of(first));
        for (String node = last; node != null && !node.equals(first); node = previous.get(node)) {
            path.add(1, node);
        }
        path.add(first);
        StringBuilder text = new StringBuilder("circle " + String.join(" -> ", path) + " (packages " + circle + ")");
        for (int i = 0; i + 1 < path.size(); i++) {
            text.append("\n    ").append(edges.get(path.get(i)).get(path.get(i + 1)));
        }
        return text.toString();
    }
}
