package dev.switchboard.test.postgres;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points the test's application context at a fresh database on the JVM's
 * {@link EmbeddedPostgresServer real embedded PostgreSQL}: {@code spring.datasource.*}
 * are set before the context starts, so Flyway migrates it as in production. Use it with
 * {@code @SpringBootTest}, or with {@code @DataJpaTest} and
 * {@code @AutoConfigureTestDatabase(replace = Replace.NONE)}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithEmbeddedPostgres {

}
