package io.sftpsync.db.testservice.beta;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface BetaEventRepository extends JpaRepository<BetaEvent, UUID> {

    List<BetaEvent> findByKind(String kind);
}
