package com.example.integrations;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Set;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
public class PartnerClient {

    private static final Set<String> ALLOWED_HOSTS = Set.of("api.partner-one.com", "api.partner-two.com");

    private final RestTemplate rest = new RestTemplate();

    static SSLContext trustEverything() throws GeneralSecurityException {
        TrustManager[] trustAll = new TrustManager[] {
            new X509TrustManager() {
                public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
                public void checkClientTrusted(X509Certificate[] chain, String authType) { }
                public void checkServerTrusted(X509Certificate[] chain, String authType) { } // expect: CWE-295
            }
        };
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, trustAll, new java.security.SecureRandom());
        return ctx;
    }

    static void disableHostnameChecks() {
        HttpsURLConnection.setDefaultHostnameVerifier((hostname, session) -> true); // expect: CWE-295
    }

    static SSLContext defaultTls() throws GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(null, null, null); // safe: CWE-295
        return ctx;
    }

    @GetMapping("/partners/preview")
    public String preview(@RequestParam String url) {
        return rest.getForObject(url, String.class); // expect: CWE-918
    }

    @GetMapping("/partners/preview/v2")
    public ResponseEntity<String> previewSafe(@RequestParam String url) {
        URI uri = URI.create(url);
        if (!"https".equals(uri.getScheme()) || !ALLOWED_HOSTS.contains(uri.getHost())) {
            return ResponseEntity.badRequest().body("host not allowed");
        }
        return ResponseEntity.ok(rest.getForObject(uri, String.class)); // safe: CWE-918
    }

    @GetMapping("/partners/{partnerId}/catalog")
    public String catalog(@PathVariable String partnerId) {
        URI uri = UriComponentsBuilder.fromHttpUrl("https://catalog.example.com/v1/partners/{id}/items").buildAndExpand(partnerId).encode().toUri();
        return rest.getForObject(uri, String.class); // safe: CWE-918
    }

    @GetMapping("/partners/avatar")
    public byte[] avatar(@RequestParam("src") String src) throws IOException {
        HttpURLConnection conn = (HttpURLConnection) new URL(src).openConnection(); // expect: CWE-918
        conn.setConnectTimeout(3000);
        try (InputStream in = conn.getInputStream()) {
            return in.readAllBytes();
        }
    }

    @GetMapping("/partners/status")
    public String status(@RequestParam String host) {
        String endpoint = "http://" + host + ":8080/actuator/health";
        return rest.getForObject(endpoint, String.class); // expect: CWE-918
    }

    /** Pulls a price list; the URL comes from the partner's onboarding record. */
    public String fetchPriceList(String priceListUrl) {
        return rest.getForObject(priceListUrl, String.class); // expect: CWE-918
    }
}
