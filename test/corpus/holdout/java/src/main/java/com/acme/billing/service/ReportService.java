package com.acme.billing.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.springframework.security.crypto.bcrypt.BCrypt;
import org.springframework.stereotype.Service;
import org.w3c.dom.Document;

@Service
public class ReportService {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final DataSource dataSource;
    private final Path reportRoot = Path.of(System.getenv().getOrDefault("REPORT_ROOT", "/var/acme/reports")).toAbsolutePath().normalize();

    public ReportService(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<String> invoiceNumbersFor(String customerEmail, String status) throws SQLException {
        String sql = "SELECT number FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE c.email = ? AND i.status = ?";
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) { // safe: CWE-89
            ps.setString(1, customerEmail);
            ps.setString(2, status);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        }
    }

    public Path renderPdf(String reportName) throws IOException, InterruptedException {
        Path source = resolveReport(reportName + ".html");
        Path target = resolveReport(reportName + ".pdf");
        Process p = new ProcessBuilder("wkhtmltopdf", "--quiet", source.toString(), target.toString()).start(); // safe: CWE-78
        if (p.waitFor() != 0) throw new IOException("wkhtmltopdf failed for " + reportName);
        return target;
    }

    public Path resolveReport(String name) throws IOException {
        Path p = reportRoot.resolve(name).normalize(); // safe: CWE-22
        if (!p.startsWith(reportRoot)) throw new IOException("invalid report name");
        return p;
    }

    public String shareToken() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b); // safe: CWE-338
        return HexFormat.of().formatHex(b);
    }

    public String hashSharePassword(String password) {
        return BCrypt.hashpw(password, BCrypt.gensalt(12)); // safe: CWE-327
    }

    public String etag(byte[] body) throws NoSuchAlgorithmException {
        return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body)) + "\""; // safe: CWE-327
    }

    public String archiveChecksum(Path archive) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(archive))); // safe: CWE-327
    }

    public Document parseTemplateManifest(InputStream in) throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance(); // safe: CWE-611
        dbf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        dbf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        dbf.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return dbf.newDocumentBuilder().parse(in); // safe: CWE-611
    }
}
