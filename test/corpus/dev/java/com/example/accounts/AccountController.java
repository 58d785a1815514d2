package com.example.accounts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.HtmlUtils;

/** Account endpoints. Everything here is meant to be safe. */
@RestController
public class AccountController {

    public static final int PASSWORD_MIN_LENGTH = 12; // safe: CWE-798
    private static final Path AVATAR_ROOT = Paths.get("/var/app/avatars").toAbsolutePath().normalize();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final NamedParameterJdbcTemplate jdbc;
    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final RestClient billing;

    public AccountController(NamedParameterJdbcTemplate jdbc, @Value("${billing.api-key}") String billingApiKey) { // safe: CWE-798
        this.jdbc = jdbc;
        this.billing = RestClient.builder().baseUrl("https://billing.example.com/api").defaultHeader("X-Api-Key", billingApiKey).build(); // safe: CWE-798
    }

    @GetMapping("/accounts")
    public List<Map<String, Object>> search(@RequestParam String email) {
        return jdbc.queryForList("SELECT id, email FROM accounts WHERE email = :email", new MapSqlParameterSource("email", email)); // safe: CWE-89
    }

    @PostMapping("/accounts")
    public Map<String, Object> create(@RequestParam String email, @RequestParam String password) {
        if (password.length() < PASSWORD_MIN_LENGTH) {
            throw new IllegalArgumentException("password too short");
        }
        byte[] token = new byte[24];
        RANDOM.nextBytes(token); // safe: CWE-338
        String hash = encoder.encode(password); // safe: CWE-327
        jdbc.update("INSERT INTO accounts (email, password_hash, verify_token) VALUES (:email, :hash, :token)", new MapSqlParameterSource().addValue("email", email).addValue("hash", hash).addValue("token", Base64.getUrlEncoder().encodeToString(token))); // safe: CWE-89
        return Map.of("email", email);
    }

    @GetMapping("/accounts/{id}/avatar")
    public ResponseEntity<byte[]> avatar(@PathVariable String id) throws IOException {
        Path file = AVATAR_ROOT.resolve(id + ".png").normalize();
        if (!file.startsWith(AVATAR_ROOT)) {
            return ResponseEntity.badRequest().build();
        }
        return ResponseEntity.ok(Files.readAllBytes(file)); // safe: CWE-22
    }

    @GetMapping("/accounts/{id}/invoices")
    public String invoices(@PathVariable long id) {
        return billing.get().uri("/customers/{id}/invoices", id).retrieve().body(String.class); // safe: CWE-918
    }

    @GetMapping(value = "/accounts/greeting", produces = "text/html")
    public String greeting(@RequestParam String name) {
        return "<p>Hello, " + HtmlUtils.htmlEscape(name) + "</p>"; // safe: CWE-79
    }

    @PostMapping("/accounts/logout")
    public ResponseEntity<Void> logout() {
        return ResponseEntity.status(303).header("Location", "/login?logged_out").build(); // safe: CWE-601
    }
}
