package io.sftpsync.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The one broker fixture: a real single-node KRaft broker in the test's JVM (spring-kafka-test), shared by the
 * test classes of one Spring test context, whose address the application finds in
 * {@code spring.kafka.bootstrap-servers}. Tests using it are integration tests: name them {@code *IT}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
public @interface EmbeddedBroker {

    /** Partitions of the topics the broker creates itself; the application creates its own. */
    @AliasFor(annotation = EmbeddedKafka.class, attribute = "partitions")
    int partitions() default 2;
}
