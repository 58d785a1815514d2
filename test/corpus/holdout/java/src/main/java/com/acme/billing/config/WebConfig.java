package com.acme.billing.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.net.ssl.HttpsURLConnection;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
public class WebConfig implements WebMvcConfigurer {

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping("/api/public/**").allowedOrigins("*").allowedMethods("GET"); // safe: CWE-942
        registry.addMapping("/api/partner/**").allowedOriginPatterns("*").allowedMethods("GET", "POST").allowCredentials(true); // expect: CWE-942
        registry.addMapping("/api/**").allowedOrigins("https://app.acme.io", "https://admin.acme.io").allowCredentials(true); // safe: CWE-942
    }

    @Bean
    @Primary
    public DataSource dataSource() {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl("jdbc:postgresql://db.internal.acme.io:5432/billing");
        cfg.setUsername("billing_app");
        cfg.setPassword("pG7!wQz2#Lr9vTk4Xe"); // expect: CWE-798
        cfg.setMaximumPoolSize(20);
        return new HikariDataSource(cfg);
    }

    @Bean
    public DataSource reportingDataSource() {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(System.getenv("REPORTING_JDBC_URL"));
        cfg.setUsername(System.getenv("REPORTING_DB_USER"));
        cfg.setPassword(System.getenv("REPORTING_DB_PASSWORD")); // safe: CWE-798
        cfg.setReadOnly(true);
        return new HikariDataSource(cfg);
    }

    @Bean
    public CookieSerializer cookieSerializer() {
        DefaultCookieSerializer serializer = new DefaultCookieSerializer();
        serializer.setCookieName("BILLINGSESSION");
        serializer.setUseSecureCookie(false); // expect: CWE-614
        serializer.setUseHttpOnlyCookie(true); // safe: CWE-1004
        serializer.setSameSite("Lax");
        return serializer;
    }

    @Bean
    public PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(12); // safe: CWE-327
    }

    @Bean
    public Object legacyLedgerTlsShim() {
        // Ledger sandbox presents a cert for the wrong hostname; unblock integration for now.
        HttpsURLConnection.setDefaultHostnameVerifier((hostname, session) -> true); // expect: CWE-295
        return new Object();
    }
}
