package com.acme.billing.web;

import com.acme.billing.dto.LedgerBatch;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.xml.parsers.DocumentBuilderFactory;
import org.owasp.encoder.Encode;
import org.w3c.dom.Document;

@WebServlet("/import/*")
public class ImportServlet extends HttpServlet {

    private static final Path IMPORT_ROOT = Paths.get("/var/acme/imports").toAbsolutePath().normalize();
    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String kind = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
        try {
            switch (kind) {
                case "session" -> {
                    Object state = new ObjectInputStream(req.getInputStream()).readObject(); // expect: CWE-502
                    req.getSession().setAttribute("importState", state);
                }
                case "ledger-json" -> {
                    LedgerBatch batch = mapper.readValue(req.getInputStream(), LedgerBatch.class); // safe: CWE-502
                    req.setAttribute("batch", batch);
                }
                case "ledger-xml" -> {
                    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(req.getInputStream()); // expect: CWE-611
                    req.setAttribute("entries", doc.getElementsByTagName("entry").getLength());
                }
                case "ledger-xml-v2" -> {
                    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance(); // safe: CWE-611
                    dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                    dbf.setXIncludeAware(false);
                    dbf.setExpandEntityReferences(false);
                    Document doc = dbf.newDocumentBuilder().parse(req.getInputStream()); // safe: CWE-611
                    req.setAttribute("entries", doc.getElementsByTagName("entry").getLength());
                }
                default -> {
                    resp.sendError(HttpServletResponse.SC_NOT_FOUND);
                    return;
                }
            }
            resp.setStatus(HttpServletResponse.SC_ACCEPTED);
        } catch (Exception e) {
            resp.setContentType("text/html;charset=UTF-8");
            resp.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            resp.getWriter().println("<p>Import failed for source " + req.getParameter("source") + "</p>"); // expect: CWE-79
            resp.getWriter().println("<p>Kind: " + Encode.forHtml(kind) + "</p>"); // safe: CWE-79
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String name = req.getParameter("file");
        if (name == null || name.isBlank()) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        resp.setContentType("application/octet-stream");
        if ("1".equals(req.getParameter("legacy"))) {
            Files.copy(IMPORT_ROOT.resolve(name), resp.getOutputStream()); // expect: CWE-22
            return;
        }
        Path target = IMPORT_ROOT.resolve(name).normalize();
        if (!target.startsWith(IMPORT_ROOT) || !Files.isRegularFile(target)) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Files.copy(target, resp.getOutputStream()); // safe: CWE-22
    }
}
