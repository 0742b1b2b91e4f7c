package org.smtpplus.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** util-linux's setpriv, which the harnesses put before a server's command to change its privileges. */
public final class Setpriv {
    private Setpriv() {
    }

    /** The first executable setpriv on the PATH, if any. */
    public static Optional<Path> locate() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, "setpriv"))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
