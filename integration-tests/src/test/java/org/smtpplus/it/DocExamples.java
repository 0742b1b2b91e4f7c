package org.smtpplus.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The shell commands of the fenced code blocks of README.md and docs/*.md that hold a {@code curl} command, in
 * document order, each with the file and line it starts at, for {@link DocsCurlExamplesTest}.
 *
 * <p>A block's commands are split as a shell reads them (quotes, backslash continuations, here-documents), so that a
 * command spread over several lines, or a JSON body over several lines in single quotes, is one command. What a
 * block says about a command's answer is read from its comments: a trailing comment that starts with a status
 * ({@code # 204}, {@code # 201, or 200 when replaced}) names the status expected, an error status included
 * ({@code # 415}); a comment that starts with <code>{</code> or <code>[</code>, on the command's line or on the
 * comment lines right after it, shows the answer's shape; so does a {@code json} block that follows the shell block
 * with nothing but blank lines between, or that a {@code <!-- answer of the example above -->} line right above
 * its fence ties to the last command of the last shell block before it. HTML comments on the lines right above a
 * fence, which the reader does not see, say how to run the block: {@code <!-- given: COMMAND -->} is run before it
 * (what the block needs that the reader did earlier, in another section), {@code <!-- not run: REASON -->} leaves
 * the block out. A curl command in running text (an inline code span) is refused: it would never be run.
 *
 * <p>Written here rather than with a Markdown library: only fences and the lines just above them matter, and a
 * Markdown parser would not split the shell commands inside.
 */
final class DocExamples {
    private static final Pattern FENCE = Pattern.compile("^(\\s*)```\\s*([A-Za-z]*)\\s*$");
    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*(given|not run):\\s*(.*?)\\s*-->\\s*$");
    private static final Pattern INLINE_CURL = Pattern.compile("`curl\\s");
    private static final Pattern ANSWER_MARKER = Pattern.compile("^\\s*<!--\\s*answer of the example above\\s*-->\\s*$");
    private static final Pattern CURL_LINE = Pattern.compile("^\\s*curl\\s");
    private static final Pattern STATUS_COMMENT = Pattern.compile("^([1-5][0-9][0-9])\\b");
    private static final Pattern HEREDOC = Pattern.compile("<<-?\\s*['\"]?([A-Za-z_][A-Za-z0-9_]*)['\"]?");

    private DocExamples() {
    }

    /** One fenced block that holds a curl command. */
    static final class Block {
        final String file;
        final int line;
        final List<Command> givens = new ArrayList<>();
        final List<Command> commands = new ArrayList<>();
        String notRun;

        Block(String file, int line) {
            this.file = file;
            this.line = line;
        }
    }

    /** One shell command of a block, or of a {@code given} marker. */
    static final class Command {
        final String file;
        final int line;
        final String text;
        Integer expectedStatus;
        String shown;

        Command(String file, int line, String text) {
            this.file = file;
            this.line = line;
            this.text = text;
        }

        boolean isCurl() {
            return text.startsWith("curl ");
        }

        String where() {
            return file + ":" + line;
        }
    }

    /** The blocks with a curl command of README.md, then of docs/*.md in name order. */
    static List<Block> read(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            files.addAll(docs.filter(path -> path.getFileName().toString().endsWith(".md")).sorted().collect(Collectors.toList()));
        }
        List<Block> blocks = new ArrayList<>();
        for (Path file : files) {
            blocks.addAll(read(root.relativize(file).toString(), Files.readAllLines(file)));
        }
        return blocks;
    }

    static List<Block> read(String file, List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        Block last = null;
        int lastEnd = -1;
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            // Whole blocks are skipped below, so every fence met here opens one.
            if (!fence.matches()) {
                if (INLINE_CURL.matcher(lines.get(i)).find()) {
                    throw new IllegalStateException(file + ":" + (i + 1) + ": a curl command in running text is never run: "
                        + "put it in a fenced block");
                }
                continue;
            }
            int indent = fence.group(1).length();
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).trim().equals("```")) {
                end++;
            }
            if (end == lines.size()) {
                throw new IllegalStateException(file + ":" + (i + 1) + ": a fence that is never closed");
            }
            List<String> body = new ArrayList<>();
            for (String line : lines.subList(i + 1, end)) {
                body.add(line.length() >= indent && line.substring(0, indent).isBlank() ? line.substring(indent) : line.trim());
            }
            boolean answer = i > 0 && ANSWER_MARKER.matcher(lines.get(i - 1)).matches() || onlyBlankBetween(lines, lastEnd, i);
            if (fence.group(2).equals("json") && last != null && answer && last.commands.get(last.commands.size() - 1).shown == null) {
                last.commands.get(last.commands.size() - 1).shown = String.join("\n", body);
            }
            if (body.stream().anyMatch(line -> CURL_LINE.matcher(line).find())) {
                Block block = new Block(file, i + 1);
                markers(file, lines, i, block);
                block.commands.addAll(commands(file, i + 2, body));
                checkEveryCurlLineStartsACommand(file, i + 2, body, block.commands);
                blocks.add(block);
                last = block;
                lastEnd = end;
            }
            i = end;
        }
        return blocks;
    }

    private static boolean onlyBlankBetween(List<String> lines, int from, int to) {
        return lines.subList(from + 1, to).stream().allMatch(String::isBlank);
    }

    private static void markers(String file, List<String> lines, int fence, Block block) {
        List<Command> givens = new ArrayList<>();
        for (int at = fence - 1; at >= 0; at--) {
            Matcher marker = MARKER.matcher(lines.get(at));
            if (!marker.matches()) {
                break;
            }
            if (marker.group(1).equals("not run")) {
                block.notRun = marker.group(2);
            } else {
                givens.add(0, new Command(file, at + 1, marker.group(2)));
            }
        }
        block.givens.addAll(givens);
    }

    private static void checkEveryCurlLineStartsACommand(String file, int firstLine, List<String> body, List<Command> commands) {
        for (int k = 0; k < body.size(); k++) {
            int line = firstLine + k;
            if (CURL_LINE.matcher(body.get(k)).find() && commands.stream().noneMatch(command -> command.line == line && command.isCurl())) {
                throw new IllegalStateException(file + ":" + line + ": a curl line that is not read as the start of a command");
            }
        }
    }

    /**
     * Splits a block's lines into commands as a shell does: a command ends at a line end outside quotes, neither
     * escaped by a backslash nor opening a here-document (whose lines up to its delimiter belong to the command).
     */
    static List<Command> commands(String file, int firstLine, List<String> body) {
        List<Command> commands = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int start = -1;
        char quote = 0;
        String heredoc = null;
        boolean inHeredoc = false;
        String trailingComment = null;
        Command showing = null;
        StringBuilder shown = null;
        for (int k = 0; k < body.size(); k++) {
            String line = body.get(k);
            int number = firstLine + k;
            if (inHeredoc) {
                text.append(line).append('\n');
                if (line.equals(heredoc)) {
                    inHeredoc = false;
                    heredoc = null;
                    commands.add(finish(file, start, text, trailingComment));
                    text.setLength(0);
                    trailingComment = null;
                }
                continue;
            }
            if (text.length() == 0 && quote == 0 && line.trim().startsWith("#")) {
                String comment = line.trim().substring(1).trim();
                if (shown != null) {
                    shown.append('\n').append(comment);
                } else if (!commands.isEmpty() && commands.get(commands.size() - 1).shown == null
                    && (comment.startsWith("{") || comment.startsWith("["))) {
                    showing = commands.get(commands.size() - 1);
                    shown = new StringBuilder(comment);
                }
                if (shown != null && balanced(shown)) {
                    showing.shown = shown.toString();
                    shown = null;
                }
                continue;
            }
            if (shown != null) {
                showing.shown = shown.toString();
                shown = null;
            }
            if (text.length() == 0 && quote == 0) {
                if (line.isBlank()) {
                    continue;
                }
                start = number;
            }
            boolean continued = false;
            for (int c = 0; c < line.length(); c++) {
                char ch = line.charAt(c);
                if (quote == '\'') {
                    if (ch == '\'') {
                        quote = 0;
                    }
                } else if (quote == '"') {
                    if (ch == '\\' && c + 1 < line.length()) {
                        text.append(ch);
                        ch = line.charAt(++c);
                    } else if (ch == '"') {
                        quote = 0;
                    }
                } else if (ch == '\'' || ch == '"') {
                    quote = ch;
                } else if (ch == '\\') {
                    if (c + 1 == line.length()) {
                        continued = true;
                    } else {
                        text.append(ch);
                        ch = line.charAt(++c);
                    }
                } else if (ch == '#' && (c == 0 || Character.isWhitespace(line.charAt(c - 1)))) {
                    trailingComment = line.substring(c + 1).trim();
                    break;
                } else if (ch == '<' && line.startsWith("<<", c)) {
                    Matcher delimiter = HEREDOC.matcher(line).region(c, line.length());
                    if (delimiter.lookingAt()) {
                        heredoc = delimiter.group(1);
                    }
                }
                text.append(ch);
            }
            if (quote != 0 || continued) {
                text.append('\n');
                continue;
            }
            if (heredoc != null) {
                text.append('\n');
                inHeredoc = true;
                continue;
            }
            commands.add(finish(file, start, text, trailingComment));
            text.setLength(0);
            trailingComment = null;
        }
        if (shown != null) {
            showing.shown = shown.toString();
        }
        if (text.length() > 0 || inHeredoc) {
            throw new IllegalStateException(file + ":" + start + ": a command that never ends (an open quote or here-document)");
        }
        return commands;
    }

    private static Command finish(String file, int start, StringBuilder text, String trailingComment) {
        Command command = new Command(file, start, text.toString().strip());
        if (trailingComment != null) {
            Matcher status = STATUS_COMMENT.matcher(trailingComment);
            if (status.find()) {
                command.expectedStatus = Integer.valueOf(status.group(1));
            } else if (trailingComment.startsWith("{") || trailingComment.startsWith("[")) {
                command.shown = trailingComment;
            }
        }
        return command;
    }

    // Brackets outside JSON strings balance: a shown answer spread over several comment lines is whole.
    private static boolean balanced(CharSequence json) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char ch = json.charAt(i);
            if (inString) {
                if (ch == '\\') {
                    i++;
                } else if (ch == '"') {
                    inString = false;
                }
            } else if (ch == '"') {
                inString = true;
            } else if (ch == '{' || ch == '[') {
                depth++;
            } else if (ch == '}' || ch == ']') {
                depth--;
            }
        }
        return depth <= 0;
    }
}
