package com.example.auth;

import java.io.IOException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Set;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.web.filter.OncePerRequestFilter;

public class TokenAuthFilter extends OncePerRequestFilter {

    private static final Set<String> TRUSTED_ORIGINS = Set.of("https://app.example.com", "https://admin.example.com");
    private static final Algorithm LEGACY_ALG = Algorithm.HMAC256("mK4!rT8zQ2#vLx9pW6nB3yC7"); // expect: CWE-798
    private static final String ISSUER = "https://auth.example.com/";

    private final JWTVerifier verifier;
    private final Algorithm serviceAlg;

    public TokenAuthFilter(RSAPublicKey publicKey) {
        this.verifier = JWT.require(Algorithm.RSA256(publicKey, null)).withIssuer(ISSUER).build(); // safe: CWE-347
        this.serviceAlg = Algorithm.HMAC256(System.getenv("SERVICE_JWT_SECRET")); // safe: CWE-798
    }

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse resp, FilterChain chain) throws ServletException, IOException {
        String origin = req.getHeader("Origin");
        if (req.getRequestURI().startsWith("/embed/")) {
            resp.setHeader("Access-Control-Allow-Origin", origin); // expect: CWE-942
            resp.setHeader("Access-Control-Allow-Credentials", "true");
        } else if (origin != null && TRUSTED_ORIGINS.contains(origin)) {
            resp.setHeader("Access-Control-Allow-Origin", origin); // safe: CWE-942
            resp.setHeader("Access-Control-Allow-Credentials", "true");
            resp.addHeader("Vary", "Origin");
        }

        String header = req.getHeader("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            chain.doFilter(req, resp);
            return;
        }
        String token = header.substring(7);

        if (req.getRequestURI().startsWith("/admin/")) {
            DecodedJWT unverified = JWT.decode(token); // expect: CWE-347
            if (!"admin".equals(unverified.getClaim("role").asString())) {
                resp.sendError(HttpServletResponse.SC_FORBIDDEN);
                return;
            }
            req.setAttribute("user", unverified.getSubject());
            chain.doFilter(req, resp);
            return;
        }

        try {
            DecodedJWT jwt = verifier.verify(token); // safe: CWE-347
            req.setAttribute("user", jwt.getSubject());
            ResponseCookie session = ResponseCookie.from("SESSION", jwt.getId()).path("/").maxAge(Duration.ofHours(8)).build(); // expect: CWE-614
            resp.addHeader(HttpHeaders.SET_COOKIE, session.toString());
            ResponseCookie refresh = ResponseCookie.from("REFRESH", jwt.getId()).path("/auth").secure(true).httpOnly(true).sameSite("Strict").build(); // safe: CWE-614, CWE-1004
            resp.addHeader(HttpHeaders.SET_COOKIE, refresh.toString());
            ResponseCookie locale = ResponseCookie.from("LOCALE", "en-GB").path("/").maxAge(Duration.ofDays(365)).build(); // safe: CWE-614, CWE-1004
            resp.addHeader(HttpHeaders.SET_COOKIE, locale.toString());
        } catch (JWTVerificationException e) {
            resp.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        chain.doFilter(req, resp);
    }

    public String issueLegacyToken(String userId) {
        return JWT.create().withSubject(userId).withIssuer(ISSUER).sign(LEGACY_ALG);
    }

    public String issueServiceToken(String service) {
        return JWT.create().withSubject(service).withIssuer(ISSUER).sign(serviceAlg); // safe: CWE-798
    }

    public DecodedJWT verifyLegacy(String token) {
        return JWT.require(LEGACY_ALG).withIssuer(ISSUER).build().verify(token); // safe: CWE-347
    }
}
