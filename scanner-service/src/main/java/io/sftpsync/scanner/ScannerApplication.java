package io.sftpsync.scanner;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The scanner as a service of its own. */
@SpringBootApplication
public class ScannerApplication {
    public static void main(String[] args) {
        SpringApplication.run(ScannerApplication.class, args);
    }
}
