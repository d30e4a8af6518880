package io.sftpsync.db.embedded;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Matches when {@code spring.datasource.url} is unset or blank: then the database is the embedded one. */
class NoDataSourceUrlCondition extends SpringBootCondition {

    static final String URL_PROPERTY = "spring.datasource.url";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("embedded PostgreSQL");
        return StringUtils.hasText(context.getEnvironment().getProperty(URL_PROPERTY))
                ? ConditionOutcome.noMatch(message.because(URL_PROPERTY + " is set"))
                : ConditionOutcome.match(message.because(URL_PROPERTY + " is not set"));
    }
}
