package org.sharercloud.contributor.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.sharercloud.api.members.Heartbeat;
import org.sharercloud.api.members.HostInfo;
import org.sharercloud.api.members.JoinRequest;
import org.sharercloud.api.members.JoinResult;
import org.sharercloud.api.members.SharingPolicy;
import org.sharercloud.contributor.internal.host.HostProbe;
import org.sharercloud.contributor.internal.link.Backoff;
import org.sharercloud.contributor.internal.link.CoordinatorClient;
import org.sharercloud.contributor.internal.link.HeartbeatAck;
import org.sharercloud.contributor.internal.link.IdentityStore;
import org.sharercloud.contributor.internal.link.MemberIdentity;
import org.sharercloud.contributor.internal.link.UntrustedCoordinatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's loop on its own thread: join once (or resume the saved identity), then heartbeat at the
 * interval the coordinator asks for. When the coordinator is unreachable it retries with {@link Backoff}
 * and logs the outage once, and the recovery once. When the coordinator forgets the member (401) it joins
 * again with the join token; when the join token is refused it stops and says what to do.
 */
public final class Agent implements Runnable {
    static final int DEFAULT_HEARTBEAT_SECONDS = 5;
    static final long STOP = -1;
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    private static final String CFG = "etc/org.sharercloud.contributor.cfg";

    private final AgentSettings settings;
    private final IdentityStore store;
    private final HostProbe probe;
    private final CoordinatorClient client;
    private final Backoff backoff;
    private final long secondMillis;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;

    private volatile MemberIdentity identity;
    private boolean down;
    private long downSince;
    private boolean announce = true;
    private boolean beatSinceJoin = true;
    private HostInfo sentHost;
    private SharingPolicy sentPolicy;
    private String lastState;
    private int heartbeatSeconds = DEFAULT_HEARTBEAT_SECONDS;
    private String refusal;

    /**
     * @param secondMillis how long one of the coordinator's "seconds" lasts (1000; tests shorten it)
     */
    public Agent(AgentSettings settings, IdentityStore store, HostProbe probe, CoordinatorClient client, Backoff backoff,
            long secondMillis) {
        this.settings = settings;
        this.store = store;
        this.probe = probe;
        this.client = client;
        this.backoff = backoff;
        this.secondMillis = secondMillis;
        this.thread = new Thread(this, "sharer-contributor-agent");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Stops the loop and waits (bounded) for the thread to end. */
    public void stop() throws InterruptedException {
        stop.countDown();
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }

    /** Whether the loop is still running (false after a stop or after giving up with a log line). */
    public boolean running() {
        return thread.isAlive();
    }

    /** The current member identity, or null before a join. */
    public MemberIdentity identity() {
        return identity;
    }

    @Override
    public void run() {
        try {
            identity = store.load(settings.coordinator()).orElse(null);
            if (identity != null) {
                LOG.info("Resuming as member {} of {} (identity saved under data/sharer)", identity.memberId(), settings.coordinator());
            }
            long wait = 0;
            while (wait != STOP && !stop.await(wait, TimeUnit.MILLISECONDS)) {
                wait = step();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.error("Contributor agent stopped: {}. Fix the cause, then restart bundle org.sharercloud.contributor.", e.toString(), e);
        }
    }

    /** One join or heartbeat; returns the wait before the next step, or {@link #STOP}. */
    long step() throws IOException, InterruptedException {
        try {
            return identity == null ? join() : heartbeat();
        } catch (UntrustedCoordinatorException e) {
            return untrusted(e.getMessage());
        } catch (IOException e) {
            return unreachable(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private long join() throws IOException, InterruptedException {
        if (settings.joinToken().isEmpty()) {
            LOG.error("No join token: set join.token in {} (or SHARER_JOIN_TOKEN) to a token from the coordinator's admin "
                    + "(sharer:join-token), then restart the agent. Not joining.", CFG);
            return STOP;
        }
        HostInfo host = probe.host();
        String name = settings.name().isEmpty() ? host.hostname() : settings.name();
        String unsafe = AgentSettings.plainTextWarning(settings.coordinator());
        if (unsafe != null) {
            LOG.warn("SECURITY WARNING: joining now: {}", unsafe);
        }
        // the credential of an earlier join proves this is that member (a machine id alone makes a new member)
        String proof = store.credentialFor(settings.coordinator()).orElse(null);
        CoordinatorClient.Reply<JoinResult> reply = client.join(new JoinRequest(settings.joinToken(), name, host,
                settings.policy(host.memoryMb()), proof));
        if (reply.ok()) {
            JoinResult joined = reply.value();
            MemberIdentity me = new MemberIdentity(joined.memberId(), joined.credential(), settings.coordinator());
            store.save(me);
            identity = me;
            heartbeatSeconds = interval(joined.heartbeatSeconds());
            announce = true;
            beatSinceJoin = false;
            reachable();
            LOG.info("Joined {} as member {} named '{}'{}; heartbeats every {} s", settings.coordinator(), me.memberId(), name,
                    proof == null ? "" : " (re-join with the saved credential; a new member id means the coordinator no longer knew it)",
                    heartbeatSeconds);
            return 0;
        }
        return switch (reply.status()) {
            case 401 -> refused("401, the coordinator does not know this join token", reply.error());
            case 403 -> refused("403, the join token has expired or is used up", reply.error());
            case 400 -> refused("400, the coordinator rejected this machine's description", reply.error());
            default -> unreachable("join answered HTTP " + reply.status() + ": " + reply.error());
        };
    }

    private long refused(String why, String detail) {
        reachable();
        LOG.error("Join refused ({}: {}). Ask the coordinator's admin for a new join token (sharer:join-token), put it in "
                + "join.token in {} (or SHARER_JOIN_TOKEN) and restart the agent. The agent has stopped.", why, detail, CFG);
        return STOP;
    }

    private long heartbeat() throws IOException, InterruptedException {
        HostInfo host = probe.host();
        SharingPolicy policy = settings.policy(host.memoryMb());
        boolean send = announce || !sameHost(sentHost, host) || !policy.equals(sentPolicy);
        Heartbeat beat = new Heartbeat(probe.sample(), send ? host : null, send ? policy : null);
        MemberIdentity me = identity;
        CoordinatorClient.Reply<HeartbeatAck> reply = client.heartbeat(me, beat);
        if (reply.ok()) {
            HeartbeatAck ack = reply.value();
            reachable();
            beatSinceJoin = true;
            if (send) {
                sentHost = host;
                sentPolicy = policy;
                announce = false;
            }
            if (!Objects.equals(ack.state(), lastState)) {
                LOG.info("Coordinator reports member {} as {}", me.memberId(), ack.state());
                lastState = ack.state();
            }
            heartbeatSeconds = interval(ack.heartbeatSeconds());
            return heartbeatSeconds * secondMillis;
        }
        if (reply.status() == 401) {
            reachable();
            LOG.warn("The coordinator no longer knows member {} (removed, or its records were lost): joining again with the join token",
                    me.memberId());
            store.forget();
            identity = null;
            lastState = null;
            // A coordinator that forgets a member it has just accepted must not make us spin.
            return beatSinceJoin ? 0 : backoff.next().toMillis();
        }
        return unreachable("heartbeat answered HTTP " + reply.status() + ": " + reply.error());
    }

    /**
     * The coordinator's certificate was refused during the handshake, so nothing was sent: one ERROR line per
     * certificate seen (it says which setting to change), then retries with backoff, since a fix on either side
     * (the coordinator's certificate, or this file, which restarts the agent) ends it.
     */
    private long untrusted(String why) {
        announce = true;
        Duration wait = backoff.next();
        if (!why.equals(refusal)) {
            refusal = why;
            LOG.error("{} Retrying every {} s at most; nothing is sent to {} until its certificate is accepted.", why,
                    settings.retryMax().toSeconds(), settings.coordinator());
        } else {
            LOG.debug("Coordinator certificate still refused, retry {} in {} ms", backoff.attempts(), wait.toMillis());
        }
        return wait.toMillis();
    }

    private long unreachable(String why) {
        announce = true;
        Duration wait = backoff.next();
        if (!down) {
            down = true;
            downSince = System.nanoTime();
            LOG.warn("Coordinator {} unreachable ({}); retrying with backoff of up to {} s, and logging only when it is back",
                    settings.coordinator(), why, settings.retryMax().toSeconds());
        } else {
            LOG.debug("Coordinator still unreachable ({}), retry {} in {} ms", why, backoff.attempts(), wait.toMillis());
        }
        return wait.toMillis();
    }

    private void reachable() {
        if (refusal != null) {
            LOG.info("The certificate of {} is accepted now", settings.coordinator());
            refusal = null;
        }
        if (down) {
            LOG.info("Coordinator {} reachable again after {} retries ({} s)", settings.coordinator(), backoff.attempts(),
                    Duration.ofNanos(System.nanoTime() - downSince).toSeconds());
            down = false;
        }
        backoff.reset();
    }

    private static int interval(int seconds) {
        return seconds <= 0 ? DEFAULT_HEARTBEAT_SECONDS : Math.min(seconds, 300);
    }

    /** Same host, ignoring small drifts of free disk space (the metrics carry it live). */
    static boolean sameHost(HostInfo a, HostInfo b) {
        if (a == null || b == null) {
            return a == b;
        }
        long drift = Math.abs(a.diskMb() - b.diskMb());
        return drift <= Math.max(1024, a.diskMb() / 20)
                && a.equals(new HostInfo(b.machineId(), b.hostname(), b.os(), b.arch(), b.cores(), b.memoryMb(), a.diskMb(),
                        b.dockerAvailable(), b.labels(), b.runtimes()));
    }
}
