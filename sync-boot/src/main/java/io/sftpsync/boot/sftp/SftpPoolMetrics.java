package io.sftpsync.boot.sftp;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.sftpsync.core.sftp.SftpPool;
import java.util.function.Supplier;

/**
 * What each server's pool uses now, as gauges: the connections and channels per connection it has settled on (the
 * configured ones, lowered when the server refused more) and the bandwidth limit in force at this time of day.
 */
final class SftpPoolMetrics implements MeterBinder {

    private final SftpPools pools;

    SftpPoolMetrics(SftpPools pools) {
        this.pools = pools;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        bind(registry, "source", pools::source, pools.throttle(false)::currentRate);
        bind(registry, "sink", pools::sink, pools.throttle(true)::currentRate);
    }

    private static void bind(MeterRegistry registry, String server, Supplier<SftpPool> pool,
            java.util.function.LongSupplier rate) {
        Gauge.builder("sync.sftp.connections.limit", () -> pool.get().limits().connections())
                .tag("server", server).description("SSH connections the pool opens at most (lowered when refused)")
                .register(registry);
        Gauge.builder("sync.sftp.channels.per.connection.limit", () -> pool.get().limits().channelsPerConnection())
                .tag("server", server).description("SFTP channels per connection at most (lowered when refused)")
                .register(registry);
        Gauge.builder("sync.sftp.max.rate", () -> rate.getAsLong()).baseUnit("bytes")
                .tag("server", server).description("bandwidth limit in force now, bytes per second; 0 for none")
                .register(registry);
    }
}
