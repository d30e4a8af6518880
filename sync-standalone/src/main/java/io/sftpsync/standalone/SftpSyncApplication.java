package io.sftpsync.standalone;

import io.sftpsync.standalone.once.OnceRunner;
import io.sftpsync.standalone.replay.ReplayCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every service in one JVM, on an embedded Kafka broker unless {@code spring.kafka.bootstrap-servers} is
 * given. {@code --demo} adds two embedded SFTP servers with sample files; {@code --verbose} keeps a once run's
 * full log on the console. {@code replay ...} is the command {@link ReplayCommand}, a client of a running process.
 */
@SpringBootApplication
public class SftpSyncApplication {

    public static void main(String[] args) {
        // A client of a running process: no Spring context, no broker, so it answers at once.
        if (args.length > 0 && args[0].equals("replay")) {
            ReplayCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        String[] springArgs = Arrays.stream(args).map(a -> switch (a) {
            case "--demo" -> "--sync.demo=true";
            case "--verbose" -> "--sync.standalone.verbose=true";
            default -> a;
        }).toArray(String[]::new);
        SpringApplication app = new SpringApplication(SftpSyncApplication.class);
        StandaloneInfrastructure infrastructure = new StandaloneInfrastructure();
        app.addListeners(new OnceLogging(), infrastructure);
        // Runs after the application context has closed, so consumers and producers never lose the broker.
        SpringApplication.getShutdownHandlers().add(infrastructure::close);
        ConfigurableApplicationContext context;
        try {
            context = app.run(springArgs);
        } catch (RuntimeException e) {
            infrastructure.close();
            System.exit(2);
            return;
        }
        context.getBeanProvider(OnceRunner.class).ifAvailable(once -> {
            int code = once.exitCode();
            System.exit(SpringApplication.exit(context, () -> code));
        });
    }
}
