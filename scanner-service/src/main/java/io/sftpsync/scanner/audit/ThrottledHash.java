package io.sftpsync.scanner.audit;

import io.sftpsync.core.bandwidth.TokenBucket;
import io.sftpsync.core.copy.Digests;
import io.sftpsync.core.sftp.SftpPool;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;

/** SHA-256 of a remote file, streamed through one borrowed channel, every read paid for in the token bucket. */
final class ThrottledHash {

    private final TokenBucket bucket;

    ThrottledHash(TokenBucket bucket) {
        this.bucket = bucket;
    }

    /**
     * @param pool         the server
     * @param relativePath the file
     * @return lowercase hex SHA-256
     * @throws IOException naming the path when it cannot be read, or when interrupted while throttled
     */
    String sha256(SftpPool pool, String relativePath) throws IOException {
        return pool.call(s -> {
            String path = s.resolve(relativePath);
            MessageDigest digest = Digests.sha256();
            try (InputStream in = s.client().read(path, s.readSize())) {
                byte[] buffer = new byte[s.readSize()];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    bucket.acquire(n);
                    digest.update(buffer, 0, n);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("audit interrupted while reading " + path);
            } catch (IOException e) {
                throw s.failure("reading", path, e);
            }
            return Digests.hex(digest);
        });
    }
}
