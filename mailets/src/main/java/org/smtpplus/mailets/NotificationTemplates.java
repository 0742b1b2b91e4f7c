package org.smtpplus.mailets;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import javax.mail.MessagingException;

import org.apache.james.filesystem.api.FileSystem;
import org.smtpplus.core.feedback.BounceNotificationTemplate;

/** Reads the operator's bounce notification template, or the built-in one where the operator wrote none. */
final class NotificationTemplates {
    private NotificationTemplates() {
    }

    /**
     * @param location a James file URL such as {@code file://conf/bounce-notification.template}, or null
     */
    static BounceNotificationTemplate load(FileSystem fileSystem, String location) throws MessagingException {
        if (location == null) {
            return BounceNotificationTemplate.builtIn();
        }
        try {
            File file = fileSystem.getFile(location);
            if (!file.exists()) {
                return BounceNotificationTemplate.builtIn();
            }
            return BounceNotificationTemplate.parse(Files.readString(file.toPath(), StandardCharsets.UTF_8));
        } catch (FileNotFoundException e) {
            return BounceNotificationTemplate.builtIn();
        } catch (IOException | IllegalArgumentException e) {
            throw new MessagingException("notificationTemplate " + location + ": " + e.getMessage(), e);
        }
    }
}
