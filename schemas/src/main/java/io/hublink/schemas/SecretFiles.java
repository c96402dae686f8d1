package io.hublink.schemas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one rule for files that hold secrets (the keyring, webhook secrets, Kafka client passwords): only their owner
 * may read or change them (mode 0600). hublink writes its own with that mode; reading one that its group or others
 * can read or change logs a warning naming the file, its mode and the fix, and nothing of its content.
 */
public final class SecretFiles {

    private static final Logger LOG = LoggerFactory.getLogger(SecretFiles.class);

    /** rw------- */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private SecretFiles() {
    }

    /**
     * Logs a warning when the file's group or others may read or change it; {@code what} names the kind of file
     * ("keyring"). Returns whether it warned. Without POSIX modes (or when the file cannot be inspected) nothing is
     * checked.
     */
    public static boolean warnIfOthersCanAccess(Path file, String what) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return false;
        }
        try {
            Set<PosixFilePermission> permissions = view.readAttributes().permissions();
            if (permissions.stream().noneMatch(GROUP_OR_OTHERS::contains)) {
                return false;
            }
            LOG.warn("{} {} can be read or changed by its group or others (mode {}): restrict it with chmod 600",
                    what, file, PosixFilePermissions.toString(permissions));
            return true;
        } catch (IOException e) {
            // The file was just read; failing to inspect it now is not worth failing start-up over.
            return false;
        }
    }
}
