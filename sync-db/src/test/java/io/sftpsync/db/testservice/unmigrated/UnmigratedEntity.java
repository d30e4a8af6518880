package io.sftpsync.db.testservice.unmigrated;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An entity whose table no migration creates. */
@Entity
@Table(name = "never_migrated", schema = "alpha")
public class UnmigratedEntity {

    @Id
    private Long id;
}
