package io.sftpsync.db.testservice.alpha;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of the test service "alpha", in its own schema. */
@Entity
@Table(name = "note", schema = AlphaConfiguration.SCHEMA)
public class AlphaNote {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String text;

    protected AlphaNote() {
    }

    public AlphaNote(String text) {
        this.text = text;
    }

    public Long getId() {
        return id;
    }

    public String getText() {
        return text;
    }
}
