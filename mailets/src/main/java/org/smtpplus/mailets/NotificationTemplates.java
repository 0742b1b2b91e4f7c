package org.smtpplus.mailets;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import javax.mail.MessagingException;

import org.apache.james.filesystem.api.FileSystem;
import org.smtpplus.core.notification.NotificationTemplate;

/** Reads the operator's notification template, or the built-in one where the operator wrote none. */
public final class NotificationTemplates {
    private NotificationTemplates() {
    }

    /**
     * @param location a James file URL such as {@code file://conf/bounce-notification.template}, or null
     * @param builtIn  the name of the template SMTP+ ships, used when there is no file at the location
     * @throws MessagingException naming the location when its file is no template
     */
    public static NotificationTemplate load(FileSystem fileSystem, String location, String builtIn) throws MessagingException {
        if (location == null) {
            return NotificationTemplate.builtIn(builtIn);
        }
        try {
            File file = fileSystem.getFile(location);
            if (!file.exists()) {
                return NotificationTemplate.builtIn(builtIn);
            }
            return NotificationTemplate.parse(Files.readString(file.toPath(), StandardCharsets.UTF_8));
        } catch (FileNotFoundException e) {
            return NotificationTemplate.builtIn(builtIn);
        } catch (IOException | IllegalArgumentException e) {
            throw new MessagingException(location + ": " + e.getMessage(), e);
        }
    }
}
