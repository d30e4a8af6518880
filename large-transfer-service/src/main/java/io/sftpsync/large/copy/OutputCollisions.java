package io.sftpsync.large.copy;

import io.sftpsync.core.paths.RelativePath;
import io.sftpsync.core.sftp.SftpSession;
import java.io.IOException;
import java.util.Set;
import org.apache.sshd.sftp.client.SftpClient.DirEntry;

/** Checks a strategy's output names against the source directory before anything is written. */
public final class OutputCollisions {

    private OutputCollisions() {
    }

    /**
     * Refuses output names that a source file of the same directory has.
     *
     * @param src          a session on the source
     * @param relativePath the file the strategy writes
     * @param names        the file names it would write, in the file's directory
     * @throws OutputCollisionException naming the first source file found with one of the names
     * @throws IOException              when the source directory cannot be listed
     */
    public static void refuse(SftpSession src, String relativePath, Set<String> names) throws IOException {
        String parent = RelativePath.parent(relativePath);
        String dir = src.resolve(parent);
        try {
            // One listing, however many parts: a split may have thousands of names.
            for (DirEntry e : src.client().readDir(dir)) {
                if (names.contains(e.getFilename())) {
                    String colliding = RelativePath.resolve(parent, e.getFilename());
                    throw new OutputCollisionException("refused: writing " + RelativePath.printable(relativePath)
                            + " would overwrite the copy of the source file " + RelativePath.printable(colliding)
                            + " at the sink; rename one of them, or choose another strategy");
                }
            }
        } catch (IOException e) {
            throw src.failure("listing", dir, e);
        }
    }
}
