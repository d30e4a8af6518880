package io.sftpsync.db.testservice.alpha;

import org.springframework.data.jpa.repository.JpaRepository;

public interface AlphaNoteRepository extends JpaRepository<AlphaNote, Long> {
}
