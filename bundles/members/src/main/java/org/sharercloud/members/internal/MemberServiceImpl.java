package org.sharercloud.members.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.sharercloud.api.SharerModule;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.cluster.ClusterService;
import org.sharercloud.api.members.Heartbeat;
import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.JoinRequest;
import org.sharercloud.api.members.JoinResult;
import org.sharercloud.api.members.JoinToken;
import org.sharercloud.api.members.JoinTokenInfo;
import org.sharercloud.api.members.Member;
import org.sharercloud.api.members.MemberHistoryPage;
import org.sharercloud.api.members.MemberService;
import org.sharercloud.api.members.MemberState;
import org.sharercloud.api.members.SharingPolicy;
import org.sharercloud.timers.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cluster Members module. Live state is in memory ({@link LiveMembers}); joins, credentials,
 * cordons and removals are written to the store before they take effect; last-seen times and
 * metrics are written in batches (see {@link LiveMembers}). Timer threads check liveness and flush.
 */
@Component(configurationPid = MembersConfig.PID, service = {MemberService.class, SharerModule.class}, property = SharerModule.MODULE + "=members",
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = MembersConfig.class)
public class MemberServiceImpl implements MemberService, SharerModule {
    private static final Logger LOG = LoggerFactory.getLogger(MemberServiceImpl.class);
    static final Duration DEFAULT_TTL = Duration.ofHours(1);
    static final Duration MAX_TTL = Duration.ofDays(365);
    static final int MAX_USES = 100_000;
    /** Removed members' ids are kept this long for the other coordinators' refresh (they read them within seconds). */
    static final long REMOVED_KEPT_MILLIS = 86_400_000L;

    private final DataSource db;
    private final Clock clock;
    private final Liveness liveness;
    private final MemberRepository repo;
    private final JoinTokenRepository tokens;
    private final EventPoster events;
    private final TransitionLog transitions;
    private final LiveMembers live;
    private final long historyMillis;
    private final int historyPerMember;
    /** The coordinator registry: cluster-wide periodic work runs on the leader only (absent: this is the only coordinator). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ClusterService cluster;
    private final Object[] joinLocks = new Object[64];
    private Timers timers;

    @Activate
    public MemberServiceImpl(@Reference DataSource db, @Reference EventAdmin eventAdmin, MembersConfig config) throws SQLException {
        this(db, eventAdmin, config, Clock.systemDefaultZone(), DbClock.monotonic());
        Duration period = Duration.ofMillis(Math.max(100, config.flush_millis()));
        timers = Timers.create("members", 2); // history pruning never delays a round
        timers.withFixedDelay("sync", period, period, this::tick);
        timers.withFixedDelay("history pruning", Duration.ofMinutes(1), Duration.ofMinutes(60), this::pruneHistory);
        LOG.info("Members ready: {} known, heartbeat every {} s, SUSPECT after {} s, OFFLINE after {} s (database clock{})", live.list().size(),
                liveness.heartbeatSeconds(), liveness.suspectAfterMillis() / 1000, liveness.offlineAfterMillis() / 1000,
                repo.clock().postgres() ? ", shared by every coordinator" : ": embedded, monotonic");
    }

    /** For tests: no timer; call {@link #tick()} to flush, refresh and sweep. The embedded database's clock follows {@code clock}. */
    MemberServiceImpl(DataSource db, EventAdmin eventAdmin, MembersConfig config, Clock clock) throws SQLException {
        this(db, eventAdmin, config, clock, clock::millis);
    }

    /**
     * For tests: this coordinator's wall clock {@code clock} (join tokens, sharing hours, history times), and the clock an
     * embedded database reads ({@code embeddedDbMillis}; PostgreSQL has its own), which liveness is measured with.
     */
    MemberServiceImpl(DataSource db, EventAdmin eventAdmin, MembersConfig config, Clock clock, java.util.function.LongSupplier embeddedDbMillis)
            throws SQLException {
        this.db = db;
        this.clock = clock;
        this.liveness = Liveness.of(config);
        this.repo = new MemberRepository(db, DbClock.of(db, embeddedDbMillis));
        this.tokens = new JoinTokenRepository(db);
        this.events = new EventPoster(eventAdmin);
        this.transitions = new TransitionLog(new TransitionRepository(db), events);
        this.live = new LiveMembers(repo, events, transitions, liveness, clock);
        this.historyMillis = Math.max(1, config.history_days()) * 86_400_000L;
        this.historyPerMember = Math.max(1, config.history_per_member());
        for (int i = 0; i < joinLocks.length; i++) {
            joinLocks[i] = new Object();
        }
    }

    /** One round: write heartbeats behind, read what other coordinators changed, and sweep liveness if this one leads. */
    void tick() {
        ClusterService c = cluster;
        boolean leader;
        try {
            leader = c == null || c.isLeader();
        } catch (RuntimeException e) {
            leader = false;
        }
        boolean leads = leader;
        guard(() -> live.sync(leads));
    }

    /** Drops state changes older than {@code history.days} and each member's beyond {@code history.per.member}. */
    void pruneHistory() {
        ClusterService c = cluster;
        if (c != null && !c.isLeader()) {
            return; // the leader prunes the shared history for every coordinator
        }
        transitions.prune(clock.millis() - historyMillis, historyPerMember);
        try {
            repo.pruneRemoved(clock.millis() - REMOVED_KEPT_MILLIS);
        } catch (SQLException e) {
            LOG.warn("Could not prune removed members' ids: {}", e.getMessage());
        }
    }

    private static void guard(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("Members timer task failed: {}", e.toString());
        }
    }

    @Deactivate
    void deactivate() {
        if (timers != null) {
            timers.close();
        }
        live.flush();
    }

    @Override
    public JoinToken createJoinToken(Duration ttl, int uses) {
        Duration t = ttl == null ? DEFAULT_TTL : ttl;
        if (t.compareTo(Duration.ofMinutes(1)) < 0 || t.compareTo(MAX_TTL) > 0) {
            throw ApiException.badRequest("ttl", "ttl must be between 1 minute and 365 days, got " + t);
        }
        if (uses < 1 || uses > MAX_USES) {
            throw ApiException.badRequest("uses", "uses must be between 1 and " + MAX_USES + ", got " + uses);
        }
        String token = "sc_join_" + Credentials.secret();
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        Instant expires = Instant.ofEpochMilli(now).plus(t);
        try {
            tokens.insert(id, Credentials.hash(token), now, expires.toEpochMilli(), uses);
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the join token: " + e.getMessage(), e);
        }
        return new JoinToken(id, token, expires, uses);
    }

    @Override
    public List<JoinTokenInfo> joinTokens() {
        try {
            return tokens.usable(clock.millis(), 1000);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the join tokens: " + e.getMessage(), e);
        }
    }

    @Override
    public void checkJoinToken(String joinToken) {
        validJoinToken(joinToken, clock.millis());
    }

    /** The join token's row when it is known, unexpired and has uses left; else 401 or 403 naming {@code joinToken}. */
    private JoinTokenRepository.Row validJoinToken(String joinToken, long now) {
        if (joinToken == null || joinToken.isBlank()) {
            throw new ApiException(401, "joinToken", "a join token is required; an admin mints one with sharer:join-token");
        }
        return checkToken(Credentials.hash(joinToken.strip()), now);
    }

    @Override
    public JoinResult join(JoinRequest request) {
        long now = clock.millis();
        JoinTokenRepository.Row token = validJoinToken(request == null ? null : request.joinToken(), now);
        HostInfo host = request.host();
        InputRules.host(host, "host");
        InputRules.policy(request.policy());
        String name = InputRules.name(request.name(), host);
        SharingPolicy policy = InputRules.normalize(request.policy(), host);
        synchronized (joinLocks[Math.floorMod(host.machineId().hashCode(), joinLocks.length)]) {
            MemberRecord existing = provenHolder(request.credential(), host.machineId());
            String id = existing != null ? existing.id : newId();
            if (existing == null) {
                MemberRecord sameMachine = live.byMachine(host.machineId());
                if (sameMachine != null) {
                    LOG.warn("A join for machine id {} (already member {}) came without that member's credential: it becomes the new member {}; "
                            + "member {} keeps its identity (remove it with sharer:member-remove if the machine was reinstalled)",
                            host.machineId(), sameMachine.id, id, sameMachine.id);
                }
            }
            MemberRecord next = new MemberRecord(id, host.machineId(), existing != null ? existing.joinedAt : now);
            String credential = Credentials.memberCredential(id);
            next.credentialHash = Credentials.hash(credential);
            next.name = name;
            next.host = host;
            next.policy = policy;
            next.lastSeen = now;
            MemberRecord.Pause pause = next.pause(Instant.ofEpochMilli(now), clock.getZone());
            next.state = Liveness.onHeartbeat(pause.paused());
            MemberState from = MemberState.OFFLINE;
            boolean cordoned = false;
            if (existing != null) {
                synchronized (existing) {
                    next.cordoned = existing.cordoned;
                    next.metrics = existing.metrics;
                    cordoned = existing.cordoned;
                }
            }
            long stamp = store(token, next, existing != null, now);
            next.lastSeen = stamp;
            if (existing != null) {
                synchronized (existing) {
                    from = existing.state;
                    existing.credentialHash = next.credentialHash;
                    existing.name = next.name;
                    existing.host = next.host;
                    existing.policy = next.policy;
                    existing.lastSeen = stamp;
                    existing.state = next.state;
                }
            } else {
                live.put(next);
            }
            LOG.info("Member {} ({}) {} from {}", id, name, existing != null ? "re-joined" : "joined", host.hostname());
            events.joined(id, name, existing != null, now);
            if (from != next.state) {
                String why = existing != null ? "re-joined with its credential and a join token" : "joined";
                transitions.stateChanged(id, from, next.state, cordoned, pause.paused() ? why + "; " + pause.why() : why, now);
            }
            return new JoinResult(id, credential, liveness.heartbeatSeconds());
        }
    }

    /**
     * The member a join re-joins as: the one whose current credential it presents, for the same machine id.
     * Null (a new member) for no credential, an unknown or stale one, or one of another machine.
     */
    private MemberRecord provenHolder(String credential, String machineId) {
        if (credential == null || credential.isBlank()) {
            return null;
        }
        MemberRecord r = Credentials.memberIdOf(credential.strip()).map(id -> live.holder(id, credential.strip())).orElse(null);
        if (r == null) {
            return null;
        }
        synchronized (r) {
            return r.machineId.equals(machineId) ? r : null;
        }
    }

    private JoinTokenRepository.Row checkToken(byte[] hash, long now) {
        try (Connection c = db.getConnection()) {
            JoinTokenRepository.Row row = tokens.find(c, hash)
                    .orElseThrow(() -> new ApiException(401, "joinToken", "unknown join token; ask the coordinator's admin for a new one"));
            if (row.expiresAt() <= now) {
                throw new ApiException(403, "joinToken", "this join token expired at " + Instant.ofEpochMilli(row.expiresAt()) + "; ask for a new one");
            }
            if (row.usesLeft() <= 0) {
                throw new ApiException(403, "joinToken", "this join token is used up; ask for a new one");
            }
            return row;
        } catch (SQLException e) {
            throw new IllegalStateException("join token lookup failed: " + e.getMessage(), e);
        }
    }

    /** Consumes a use of the token and writes the member in one transaction; returns the database clock it was stamped with. */
    private long store(JoinTokenRepository.Row token, MemberRecord r, boolean rejoin, long now) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            if (!tokens.consume(c, token.id(), now)) {
                c.rollback();
                throw new ApiException(403, "joinToken", "this join token expired or was used up meanwhile; ask for a new one");
            }
            long stamp = repo.clock().now(c);
            if (rejoin) {
                repo.updateIdentity(c, r, stamp);
            } else {
                repo.insert(c, r, stamp);
            }
            c.commit();
            return stamp;
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the member: " + e.getMessage(), e);
        }
    }

    private String newId() {
        String id;
        do {
            id = Credentials.memberId();
        } while (live.cached(id) != null);
        return id;
    }

    @Override
    public Member heartbeat(String memberId, Heartbeat heartbeat) {
        return live.heartbeat(memberId, heartbeat);
    }

    @Override
    public Optional<String> authenticate(String credential) {
        return Credentials.memberIdOf(credential)
                .map(id -> live.holder(id, credential))
                .map(r -> r.id);
    }

    @Override
    public List<Member> list() {
        return live.list();
    }

    @Override
    public Member get(String memberId) {
        return live.required(memberId).view();
    }

    @Override
    public Member cordon(String memberId) {
        return setCordoned(memberId, true);
    }

    @Override
    public Member uncordon(String memberId) {
        return setCordoned(memberId, false);
    }

    private Member setCordoned(String memberId, boolean cordoned) {
        MemberRecord r = live.required(memberId);
        try {
            repo.setCordoned(r.id, cordoned);
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the cordon: " + e.getMessage(), e);
        }
        boolean changed;
        MemberState state;
        synchronized (r) {
            changed = r.cordoned != cordoned;
            r.cordoned = cordoned;
            state = r.state;
        }
        if (changed) {
            LOG.info("Member {} ({}) {}", r.id, r.name, cordoned ? "cordoned" : "uncordoned");
            long now = clock.millis();
            transitions.cordonChanged(r.id, state, cordoned, now);
            events.cordoned(r.id, cordoned, now);
        }
        return r.view();
    }

    @Override
    public void remove(String memberId) {
        MemberRecord r = live.required(memberId);
        try {
            repo.delete(r.id);
        } catch (SQLException e) {
            throw new IllegalStateException("could not remove the member: " + e.getMessage(), e);
        }
        live.forget(r);
        long now = clock.millis();
        MemberState was = r.state();
        if (was != MemberState.OFFLINE) {
            events.stateChanged(r.id, was, MemberState.OFFLINE, "removed by an admin", now);
        }
        transitions.forget(r.id);
        events.removed(r.id, now);
        LOG.info("Member {} ({}) removed; its credential no longer works", r.id, r.name);
    }

    @Override
    public Map<MemberState, Integer> countByState() {
        return live.countByState();
    }

    @Override
    public int heartbeatSeconds() {
        return liveness.heartbeatSeconds();
    }

    @Override
    public void reportPlaced(String memberId, long cpuMillis, long memoryMb) {
        if (cpuMillis < 0) {
            throw ApiException.badRequest("cpuMillis", "cpuMillis must not be negative");
        }
        if (memoryMb < 0) {
            throw ApiException.badRequest("memoryMb", "memoryMb must not be negative");
        }
        MemberRecord r = live.required(memberId);
        synchronized (r) {
            r.placedCpuMillis = cpuMillis;
            r.placedMemoryMb = memoryMb;
        }
    }

    @Override
    public MemberHistoryPage history(String memberId, int limit, String cursor) {
        live.required(memberId);
        return transitions.page(memberId, limit, cursor);
    }

    /** Heartbeats accepted since start (for benchmarks and tests). */
    long heartbeatsTotal() {
        return live.heartbeatsTotal();
    }
}
