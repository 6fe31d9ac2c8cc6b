package org.sharercloud.portal.internal.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.sql.Types;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sharercloud.api.ApiException;
import org.sharercloud.api.auth.IssuedToken;
import org.sharercloud.api.auth.Principal;
import org.sharercloud.api.auth.Role;
import org.sharercloud.api.auth.TokenInfo;
import org.sharercloud.api.auth.TokenService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API tokens of admins and requestors, stored only as SHA-256 hashes in {@code api_token}. On the
 * first start (no admin token yet) it mints the admin token — or takes {@code SHARER_ADMIN_TOKEN} —
 * and writes it to {@code data/sharer/admin.token} with mode 0600.
 */
@Component(service = TokenService.class)
public class TokenStore implements TokenService {
    static final String ADMIN_ENV = "SHARER_ADMIN_TOKEN";
    private static final Logger LOG = LoggerFactory.getLogger(TokenStore.class);

    private static final String COLUMNS = "id, name, role, created_at, revoked, expires_at, max_priority, rotated_at";
    /** Names no token may take: the console acts as {@code console}. */
    private static final Set<String> RESERVED = Set.of("console");

    /** A checked token: its principal and expiry (epoch millis, null for never). */
    private record Cached(Principal principal, Long expiresAt) {
    }

    private final DataSource db;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** Bumped by every revocation and rotation: a lookup that raced one is not cached. */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    @Activate
    public TokenStore(@Reference DataSource db) throws SQLException, IOException {
        this(db, System.getenv(ADMIN_ENV), Secrets.dataDir().resolve("admin.token"));
    }

    /** For tests: the admin token from {@code fromEnv} (or a random one) written to {@code adminFile} on a fresh store. */
    TokenStore(DataSource db, String fromEnv, Path adminFile) throws SQLException, IOException {
        this.db = db;
        bootstrapAdmin(fromEnv, adminFile);
    }

    void bootstrapAdmin(String fromEnv, Path file) throws SQLException, IOException {
        if (countAdmins() > 0) {
            return;
        }
        String token;
        if (fromEnv != null && !fromEnv.isBlank()) {
            if (fromEnv.strip().length() < 16) {
                throw new IllegalArgumentException(ADMIN_ENV + " must be at least 16 characters; unset it to get a random token");
            }
            token = fromEnv.strip();
        } else {
            token = Secrets.newToken("sc_admin_");
        }
        insert(UUID.randomUUID().toString(), adminName(), Role.ADMIN, token, Instant.now(), null, Principal.ADMIN_MAX_PRIORITY);
        Secrets.writePrivate(file, token + "\n");
        String msg = "Sharer Cloud admin token written to " + file.toAbsolutePath() + " (mode 0600)";
        LOG.info(msg);
        System.out.println(msg);
    }

    /** "admin", or "admin-2", "admin-3" … when an earlier (expired or revoked) admin token holds the name. */
    private String adminName() throws SQLException {
        String name = "admin";
        for (int i = 2; nameTaken(name); i++) {
            name = "admin-" + i;
        }
        return name;
    }

    /** Admin tokens that work: neither revoked nor expired. */
    private int countAdmins() throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT COUNT(*) FROM api_token WHERE role = ? AND revoked = ? AND (expires_at IS NULL OR expires_at > ?)")) {
            p.setString(1, Role.ADMIN.name());
            p.setBoolean(2, false);
            p.setLong(3, System.currentTimeMillis());
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Override
    public Optional<Principal> authenticate(String bearer) {
        if (bearer == null || bearer.isBlank() || bearer.length() > 512) {
            return Optional.empty();
        }
        String hash = Secrets.sha256(bearer);
        long now = System.currentTimeMillis();
        Cached cached = cache.get(hash);
        if (cached != null) {
            if (cached.expiresAt() == null || cached.expiresAt() > now) {
                return Optional.of(cached.principal());
            }
            cache.remove(hash);
            return Optional.empty();
        }
        long gen = generation.get();
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT name, role, expires_at, max_priority FROM api_token WHERE token_hash = ? AND revoked = ?")) {
            p.setString(1, hash);
            p.setBoolean(2, false);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long expires = rs.getLong(3);
                Long expiresAt = rs.wasNull() ? null : expires;
                if (expiresAt != null && expiresAt <= now) {
                    return Optional.empty();
                }
                Principal principal = new Principal(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getInt(4));
                cache.put(hash, new Cached(principal, expiresAt));
                if (generation.get() != gen) {
                    cache.remove(hash); // revoked or rotated meanwhile: read it again next time
                }
                return Optional.of(principal);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("token lookup failed: " + e.getMessage(), e);
        }
    }

    @Override
    public IssuedToken mint(String name, Role role, Instant expiresAt, Integer maxPriority) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("name", "name must not be empty");
        }
        if (name.length() > 100 || !name.matches("[A-Za-z0-9 ._@-]+")) {
            throw ApiException.badRequest("name", "name must be 1-100 characters of letters, digits, space, '.', '_', '@' or '-'");
        }
        if (role == null) {
            throw ApiException.badRequest("role", "role must be ADMIN or REQUESTOR");
        }
        if (role == Role.MEMBER) {
            throw ApiException.badRequest("role", "MEMBER credentials are issued when a contributor joins; use a join token");
        }
        Instant now = Instant.now();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw ApiException.badRequest("expiresAt", "expiresAt must be in the future, got " + expiresAt);
        }
        int grant = maxPriority != null ? maxPriority : role == Role.ADMIN ? Principal.ADMIN_MAX_PRIORITY : 0;
        if (grant < 0 || grant > Principal.ADMIN_MAX_PRIORITY) {
            throw ApiException.badRequest("maxPriority", "maxPriority must be between 0 and " + Principal.ADMIN_MAX_PRIORITY + ", got " + grant);
        }
        String clean = name.strip();
        if (RESERVED.contains(clean.toLowerCase(Locale.ROOT))) {
            throw ApiException.conflict("the name '" + clean + "' is reserved (the console acts as it); choose another");
        }
        String token = Secrets.newToken(role == Role.ADMIN ? "sc_admin_" : "sc_req_");
        String id = UUID.randomUUID().toString();
        synchronized (this) {
            try {
                if (nameTaken(clean)) {
                    throw ApiException.conflict("a token named '" + clean + "' exists (names are unique, revoked tokens' included, "
                            + "because a name owns its workloads); choose another name, or rotate that token");
                }
                insert(id, clean, role, token, now, expiresAt, grant);
            } catch (SQLException e) {
                throw new IllegalStateException("could not store the token: " + e.getMessage(), e);
            }
        }
        return new IssuedToken(id, clean, role, token, now, expiresAt, grant);
    }

    private boolean nameTaken(String name) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM api_token WHERE LOWER(name) = ?")) {
            p.setString(1, name.toLowerCase(Locale.ROOT));
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }

    @Override
    public List<TokenInfo> list() {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM api_token ORDER BY created_at DESC, id FETCH FIRST 10000 ROWS ONLY");
                ResultSet rs = p.executeQuery()) {
            List<TokenInfo> out = new ArrayList<>();
            while (rs.next()) {
                out.add(info(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the tokens: " + e.getMessage(), e);
        }
    }

    private TokenInfo find(String id) {
        if (id == null || id.length() > 64) {
            throw ApiException.notFound("token " + id);
        }
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM api_token WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw ApiException.notFound("token " + id);
                }
                return info(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the token: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized TokenInfo revoke(String id) {
        TokenInfo t = find(id);
        if (t.revoked()) {
            throw ApiException.conflict("token " + id + " is already revoked");
        }
        try {
            if (t.role() == Role.ADMIN && countAdmins() <= 1) {
                throw ApiException.conflict("this is the last admin token; mint another admin token first");
            }
            try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement("UPDATE api_token SET revoked = ? WHERE id = ?")) {
                p.setBoolean(1, true);
                p.setString(2, id);
                p.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not revoke the token: " + e.getMessage(), e);
        } finally {
            generation.incrementAndGet();
            cache.clear();
        }
        return new TokenInfo(t.id(), t.name(), t.role(), t.created(), true, t.expiresAt(), t.maxPriority(), t.rotated());
    }

    @Override
    public synchronized IssuedToken rotate(String id) {
        TokenInfo t = find(id);
        if (t.revoked()) {
            throw ApiException.conflict("token " + id + " is revoked; mint a new one");
        }
        if (t.expiresAt() != null && !t.expiresAt().isAfter(Instant.now())) {
            throw ApiException.conflict("token " + id + " expired at " + t.expiresAt() + "; mint a new one");
        }
        String token = Secrets.newToken(t.role() == Role.ADMIN ? "sc_admin_" : "sc_req_");
        try (Connection c = db.getConnection();
                PreparedStatement p = c.prepareStatement("UPDATE api_token SET token_hash = ?, rotated_at = ? WHERE id = ? AND revoked = ?")) {
            p.setString(1, Secrets.sha256(token));
            p.setLong(2, System.currentTimeMillis());
            p.setString(3, id);
            p.setBoolean(4, false);
            if (p.executeUpdate() != 1) {
                throw ApiException.conflict("token " + id + " was revoked meanwhile");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not rotate the token: " + e.getMessage(), e);
        } finally {
            generation.incrementAndGet();
            cache.clear();
        }
        LOG.info("API token {} ({}) rotated: its old secret no longer works", id, t.name());
        return new IssuedToken(t.id(), t.name(), t.role(), token, t.created(), t.expiresAt(), t.maxPriority());
    }

    private static TokenInfo info(ResultSet rs) throws SQLException {
        long expires = rs.getLong(6);
        Instant expiresAt = rs.wasNull() ? null : Instant.ofEpochMilli(expires);
        long rotated = rs.getLong(8);
        Instant rotatedAt = rs.wasNull() ? null : Instant.ofEpochMilli(rotated);
        return new TokenInfo(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)), Instant.ofEpochMilli(rs.getLong(4)),
                rs.getBoolean(5), expiresAt, rs.getInt(7), rotatedAt);
    }

    private void insert(String id, String name, Role role, String token, Instant created, Instant expiresAt, int maxPriority)
            throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(
                "INSERT INTO api_token (id, name, role, token_hash, created_at, revoked, expires_at, max_priority) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, id);
            p.setString(2, name);
            p.setString(3, role.name());
            p.setString(4, Secrets.sha256(token));
            p.setLong(5, created.toEpochMilli());
            p.setBoolean(6, false);
            if (expiresAt == null) {
                p.setNull(7, Types.BIGINT);
            } else {
                p.setLong(7, expiresAt.toEpochMilli());
            }
            p.setInt(8, maxPriority);
            p.executeUpdate();
        }
    }
}
