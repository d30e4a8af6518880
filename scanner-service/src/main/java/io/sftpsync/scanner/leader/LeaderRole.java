package io.sftpsync.scanner.leader;

import io.sftpsync.scanner.scan.InFlightRegistry;
import java.util.List;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * What leading means for a scanner: it reads the in-flight journal back (what the previous leader queued and got no
 * result for), then reads results and scan requests; standing by, it reads neither and forgets its entries. The
 * scans themselves ask {@link Leadership#leading()}.
 */
public final class LeaderRole implements Leadership.Role {

    private final InFlightRegistry inFlight;
    private final KafkaListenerEndpointRegistry listeners;
    private final List<String> listenerIds;
    private final boolean restore;
    private final Runnable onDeposed;

    /**
     * @param listenerIds the listener containers only the leader runs
     * @param restore     {@code sync.scan.in-flight-restore}, resolved: whether a new leader reads the journal back
     * @param onDeposed   what else a deposed leader forgets (deletions waiting for copies: the new leader decides)
     */
    public LeaderRole(InFlightRegistry inFlight, KafkaListenerEndpointRegistry listeners, List<String> listenerIds,
            boolean restore, Runnable onDeposed) {
        this.onDeposed = onDeposed;
        this.inFlight = inFlight;
        this.listeners = listeners;
        this.listenerIds = List.copyOf(listenerIds);
        this.restore = restore;
    }

    @Override
    public void elected() {
        // Before the results are read: a result then ends an entry the journal restored, as after a restart.
        inFlight.clear();
        if (restore) {
            inFlight.restore();
        }
        containers().forEach(MessageListenerContainer::start);
    }

    @Override
    public void deposed() {
        containers().forEach(MessageListenerContainer::stop);
        inFlight.clear();
        onDeposed.run();
    }

    private List<MessageListenerContainer> containers() {
        return listenerIds.stream().map(listeners::getListenerContainer).filter(c -> c != null).toList();
    }
}
