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
import java.util.Map;
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

    private final DataSource db;
    private final Map<String, Principal> cache = new ConcurrentHashMap<>();

    @Activate
    public TokenStore(@Reference DataSource db) throws SQLException, IOException {
        this.db = db;
        bootstrapAdmin(System.getenv(ADMIN_ENV), Secrets.dataDir().resolve("admin.token"));
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
        insert(UUID.randomUUID().toString(), "admin", Role.ADMIN, token, Instant.now());
        Secrets.writePrivate(file, token + "\n");
        String msg = "Sharer Cloud admin token written to " + file.toAbsolutePath() + " (mode 0600)";
        LOG.info(msg);
        System.out.println(msg);
    }

    private int countAdmins() throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM api_token WHERE role = ? AND revoked = ?")) {
            p.setString(1, Role.ADMIN.name());
            p.setBoolean(2, false);
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
        Principal cached = cache.get(hash);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (Connection c = db.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT name, role FROM api_token WHERE token_hash = ? AND revoked = ?")) {
            p.setString(1, hash);
            p.setBoolean(2, false);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Principal principal = new Principal(rs.getString(1), Role.valueOf(rs.getString(2)));
                cache.put(hash, principal);
                return Optional.of(principal);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("token lookup failed: " + e.getMessage(), e);
        }
    }

    @Override
    public IssuedToken mint(String name, Role role) {
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
        String token = Secrets.newToken(role == Role.ADMIN ? "sc_admin_" : "sc_req_");
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        try {
            insert(id, name.strip(), role, token, now);
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the token: " + e.getMessage(), e);
        }
        return new IssuedToken(id, name.strip(), role, token, now);
    }

    @Override
    public List<TokenInfo> list() {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT id, name, role, created_at, revoked FROM api_token ORDER BY created_at DESC, id FETCH FIRST 10000 ROWS ONLY");
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

    @Override
    public TokenInfo revoke(String id) {
        TokenInfo t = list().stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiException.notFound("token " + id));
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
        }
        cache.clear();
        return new TokenInfo(t.id(), t.name(), t.role(), t.created(), true);
    }

    private static TokenInfo info(ResultSet rs) throws SQLException {
        return new TokenInfo(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)), Instant.ofEpochMilli(rs.getLong(4)),
                rs.getBoolean(5));
    }

    private void insert(String id, String name, Role role, String token, Instant created) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement p = c.prepareStatement(
                        "INSERT INTO api_token (id, name, role, token_hash, created_at, revoked) VALUES (?, ?, ?, ?, ?, ?)")) {
            p.setString(1, id);
            p.setString(2, name);
            p.setString(3, role.name());
            p.setString(4, Secrets.sha256(token));
            p.setLong(5, created.toEpochMilli());
            p.setBoolean(6, false);
            p.executeUpdate();
        }
    }
}
