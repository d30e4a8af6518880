package io.sftpsync.large;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The large-file transfer service on its own. */
@SpringBootApplication
public class LargeTransferApplication {
    public static void main(String[] args) {
        SpringApplication.run(LargeTransferApplication.class, args);
    }
}
