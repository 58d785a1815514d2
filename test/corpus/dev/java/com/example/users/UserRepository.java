package com.example.users;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

import jakarta.persistence.EntityManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class UserRepository {

    private static final Set<String> SORTABLE = Set.of("email", "created_at", "last_login");

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final EntityManager em;

    public UserRepository(DataSource dataSource, JdbcTemplate jdbc, EntityManager em) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.em = em;
    }

    public List<String> findEmailsByDomain(String domain) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection conn = dataSource.getConnection(); Statement stmt = conn.createStatement()) {
            ResultSet rs = stmt.executeQuery("SELECT email FROM users WHERE email LIKE '%@" + domain + "'"); // expect: CWE-89
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    public List<String> findEmailsByDomainSafe(String domain) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection conn = dataSource.getConnection();
             PreparedStatement ps = conn.prepareStatement("SELECT email FROM users WHERE email LIKE ?")) { // safe: CWE-89
            ps.setString(1, "%@" + domain);
            try (ResultSet rs = ps.executeQuery()) { // safe: CWE-89
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    public List<Map<String, Object>> listUsers(String sortColumn, String direction) throws SQLException {
        String order = sortColumn + " " + direction;
        String sql = "SELECT id, email, created_at FROM users ORDER BY " + order;
        try (Connection conn = dataSource.getConnection(); Statement stmt = conn.createStatement()) {
            stmt.executeQuery(sql); // expect: CWE-89
        }
        return jdbc.queryForList(sql); // expect: CWE-89
    }

    public List<Map<String, Object>> listUsersSafe(String sortColumn) {
        String column = SORTABLE.contains(sortColumn) ? sortColumn : "created_at";
        return jdbc.queryForList("SELECT id, email, created_at FROM users ORDER BY " + column + " DESC"); // safe: CWE-89
    }

    public List<Map<String, Object>> auditTrail(String actor) {
        return jdbc.queryForList("SELECT action, at FROM audit_log WHERE actor = '" + actor + "' ORDER BY at DESC"); // expect: CWE-89
    }

    public List<Map<String, Object>> auditTrailSafe(String actor) {
        return jdbc.queryForList("SELECT action, at FROM audit_log WHERE actor = ? ORDER BY at DESC", actor); // safe: CWE-89
    }

    public int countActive() {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM users WHERE active = true", Integer.class); // safe: CWE-89
        return n == null ? 0 : n;
    }

    public List<?> ordersWithStatus(String status) {
        return em.createQuery("SELECT o FROM Order o WHERE o.status = '" + status + "'").getResultList(); // expect: CWE-89
    }

    public List<?> ordersWithStatusSafe(String status) {
        return em.createQuery("SELECT o FROM Order o WHERE o.status = :status").setParameter("status", status).getResultList(); // safe: CWE-89
    }

    public void deactivate(long userId) throws SQLException {
        try (Connection conn = dataSource.getConnection(); Statement stmt = conn.createStatement()) {
            stmt.executeUpdate("UPDATE users SET active = false WHERE id = " + userId); // safe: CWE-89
        }
    }
}
