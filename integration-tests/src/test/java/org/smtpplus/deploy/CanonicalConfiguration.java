package org.smtpplus.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeChunk;
import org.eclipse.jgit.merge.MergeResult;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * What a James configuration file means, as lines that can be compared and merged: a properties file is its sorted
 * {@code key=value} pairs (comments, blank lines and order do not count); an XML file one line per element in document
 * order, indented by depth, with its attributes sorted and its trimmed text (comments and layout do not count); any
 * other file its lines. {@link #merge} is a three-way merge of such lines: JGit's, as {@code git merge-file} does it,
 * and key by key for properties (sorted keys would put unrelated neighbours into one conflict).
 */
final class CanonicalConfiguration {
    private CanonicalConfiguration() {
    }

    /** The merge of the changes from base to ours and from base to theirs; conflicts name the lines of each side. */
    static final class Merged {
        final String text;
        final List<String> conflicts;

        Merged(String text, List<String> conflicts) {
            this.text = text;
            this.conflicts = conflicts;
        }
    }

    /** The canonical lines of a file, or empty when it does not exist. */
    static Optional<String> of(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String name = file.getFileName().toString();
        if (name.endsWith(".properties")) {
            return Optional.of(properties(file).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() + "\n")
                .collect(Collectors.joining()));
        }
        if (name.endsWith(".xml")) {
            StringBuilder lines = new StringBuilder();
            element(xml(file), 0, lines);
            return Optional.of(lines.toString());
        }
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How a conflict of a file is settled: its text, or empty when it is not. */
    interface Resolver {
        Optional<String> resolve(String fileName, int conflict, String ours, String theirs);
    }

    static Merged merge(String fileName, Optional<String> base, Optional<String> ours, Optional<String> theirs,
                        Resolver resolver) {
        if (base.equals(ours)) {
            return new Merged(theirs.orElse(""), List.of());
        }
        if (base.equals(theirs) || ours.equals(theirs)) {
            return new Merged(ours.orElse(""), List.of());
        }
        if (fileName.endsWith(".properties")) {
            return mergeProperties(fileName, parse(base), parse(ours), parse(theirs), resolver);
        }
        MergeResult<RawText> result = new MergeAlgorithm().merge(RawTextComparator.DEFAULT,
            raw(base), raw(ours), raw(theirs));
        StringBuilder text = new StringBuilder();
        List<String> conflicts = new ArrayList<>();
        StringBuilder[] sides = {new StringBuilder(), new StringBuilder(), new StringBuilder()};
        int conflict = 0;
        for (MergeChunk chunk : result) {
            RawText sequence = result.getSequences().get(chunk.getSequenceIndex());
            String lines = sequence.getString(chunk.getBegin(), chunk.getEnd(), false);
            if (chunk.getConflictState() != MergeChunk.ConflictState.NO_CONFLICT) {
                sides[chunk.getSequenceIndex()].append(lines);
                continue;
            }
            conflict = settle(fileName, conflict, sides, resolver, text, conflicts);
            text.append(lines);
        }
        settle(fileName, conflict, sides, resolver, text, conflicts);
        return new Merged(text.toString(), conflicts);
    }

    private static int settle(String fileName, int conflict, StringBuilder[] sides, Resolver resolver,
                              StringBuilder text, List<String> conflicts) {
        if (sides[1].length() == 0 && sides[2].length() == 0) {
            return conflict;
        }
        String ours = sides[1].toString();
        String theirs = sides[2].toString();
        Optional<String> resolved = resolver.resolve(fileName, conflict, ours, theirs);
        if (resolved.isPresent()) {
            text.append(resolved.get());
        } else {
            conflicts.add(fileName + " conflict " + conflict + ":\nSMTP+ conf/ has\n" + ours
                + "where James's distributed sample has\n" + theirs);
        }
        for (StringBuilder side : sides) {
            side.setLength(0);
        }
        return conflict + 1;
    }

    private static Merged mergeProperties(String fileName, Map<String, String> base, Map<String, String> ours,
                                          Map<String, String> theirs, Resolver resolver) {
        TreeSet<String> keys = new TreeSet<>(base.keySet());
        keys.addAll(ours.keySet());
        keys.addAll(theirs.keySet());
        StringBuilder text = new StringBuilder();
        List<String> conflicts = new ArrayList<>();
        int conflict = 0;
        for (String key : keys) {
            String was = base.get(key);
            String mine = ours.get(key);
            String other = theirs.get(key);
            if (Objects.equals(mine, was) || Objects.equals(mine, other)) {
                text.append(line(key, other));
            } else if (Objects.equals(other, was)) {
                text.append(line(key, mine));
            } else {
                StringBuilder[] sides = {new StringBuilder(), new StringBuilder(line(key, mine)),
                    new StringBuilder(line(key, other))};
                conflict = settle(fileName, conflict, sides, resolver, text, conflicts);
            }
        }
        return new Merged(text.toString(), conflicts);
    }

    private static String line(String key, String value) {
        return value == null ? "" : key + "=" + value + "\n";
    }

    private static Map<String, String> parse(Optional<String> canonical) {
        Map<String, String> pairs = new TreeMap<>();
        canonical.ifPresent(lines -> lines.lines().forEach(line -> {
            int equals = line.indexOf('=');
            pairs.put(line.substring(0, equals), line.substring(equals + 1));
        }));
        return pairs;
    }

    private static RawText raw(Optional<String> canonical) {
        return new RawText(canonical.orElse("").getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> properties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        Map<String, String> pairs = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> pairs.put(key, properties.getProperty(key)));
        return pairs;
    }

    /** The document element of a well-formed XML file, without loading any DTD or external entity. */
    static Element xml(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setIgnoringComments(true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(in).getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException(file + " is no well-formed XML: " + e.getMessage(), e);
        }
    }

    private static void element(Element element, int depth, StringBuilder lines) {
        lines.append("  ".repeat(depth)).append('<').append(element.getTagName());
        NamedNodeMap attributes = element.getAttributes();
        TreeMap<String, String> sorted = new TreeMap<>();
        for (int i = 0; i < attributes.getLength(); i++) {
            sorted.put(attributes.item(i).getNodeName(), attributes.item(i).getNodeValue());
        }
        sorted.forEach((name, value) -> lines.append(' ').append(name).append("=\"").append(value).append('"'));
        lines.append('>');
        StringBuilder text = new StringBuilder();
        List<Element> children = new ArrayList<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            } else if (child.getNodeType() == Node.ELEMENT_NODE) {
                children.add((Element) child);
            }
        }
        lines.append(text.toString().trim().replace("\n", "\\n")).append('\n');
        children.forEach(child -> element(child, depth + 1, lines));
    }
}
