package dev.runstop.junit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Attaches files to a test or container with {@code ExtensionContext.publishFile}, on every JUnit that
 * has it: the media type class moved ({@code org.junit.jupiter.api.MediaType} since 5.14, before that
 * {@code org.junit.jupiter.api.extension.MediaType}), so both are found by reflection, once.
 */
final class PublishedFiles {
    /** {@code publishFile(String, MediaType, ThrowingConsumer)} of the newest media type found; null if none. */
    private static final Method PUBLISH;
    /** {@code MediaType.create(String, String, Charset)} of that type. */
    private static final Method CREATE;

    static {
        Method publish = null;
        Method create = null;
        for (String name : new String[] {"org.junit.jupiter.api.MediaType", "org.junit.jupiter.api.extension.MediaType"}) {
            try {
                Class<?> type = Class.forName(name, false, ExtensionContext.class.getClassLoader());
                create = type.getMethod("create", String.class, String.class, java.nio.charset.Charset.class);
                publish = ExtensionContext.class.getMethod("publishFile", String.class, type, ThrowingConsumer.class);
                break;
            } catch (ReflectiveOperationException | LinkageError absent) {
                create = null;
                publish = null;
            }
        }
        PUBLISH = publish;
        CREATE = create;
    }

    private PublishedFiles() {
    }

    /** @return whether this JUnit can attach files */
    static boolean available() {
        return PUBLISH != null;
    }

    /**
     * Attaches a UTF-8 text file that is already written: as a hard link to it where the file system
     * allows (writing it again costs more than the link), else as a copy.
     *
     * @param subtype the media subtype, such as {@code html} or {@code plain}
     * @return false if this JUnit cannot attach files
     * @throws Exception what {@code publishFile} throws, such as when the launcher accepts no files
     */
    static boolean publish(ExtensionContext context, Path written, String subtype) throws Exception {
        if (PUBLISH == null) {
            return false;
        }
        ThrowingConsumer<Path> attach = path -> {
            try {
                Files.createLink(path, written);
            } catch (java.io.IOException | UnsupportedOperationException | SecurityException noLink) {
                Files.copy(written, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        };
        try {
            Object mediaType = CREATE.invoke(null, "text", subtype, StandardCharsets.UTF_8);
            PUBLISH.invoke(context, written.getFileName().toString(), mediaType, attach);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw (Error) cause;
        }
        return true;
    }
}
