package com.example.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.StringReader;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.owasp.encoder.Encode;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

@WebServlet(urlPatterns = {"/import/session", "/import/catalog", "/import/catalog-v2", "/import/settings"})
public class ImportServlet extends HttpServlet {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        switch (req.getServletPath()) {
            case "/import/session" -> importSession(req, resp);
            case "/import/catalog" -> importCatalog(req, resp);
            case "/import/catalog-v2" -> importCatalogSafe(req, resp);
            default -> importSettings(req, resp);
        }
    }

    private void importSession(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            Object state = new ObjectInputStream(req.getInputStream()).readObject(); // expect: CWE-502
            resp.getWriter().println("restored " + state.getClass().getSimpleName());
        } catch (ClassNotFoundException e) {
            resp.sendError(400, "unknown session format");
        }
    }

    private void importSettings(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Map<?, ?> settings = MAPPER.readValue(req.getInputStream(), Map.class); // safe: CWE-502
        resp.setContentType("text/plain");
        resp.getWriter().println("imported " + settings.size() + " settings");
    }

    private void importCatalog(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String xml = new String(req.getInputStream().readAllBytes());
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml))); // expect: CWE-611
            int count = doc.getElementsByTagName("product").getLength();
            resp.setContentType("text/html");
            resp.getWriter().println("<p>Imported " + count + " products into " + req.getParameter("catalog") + "</p>"); // expect: CWE-79
        } catch (ParserConfigurationException | SAXException e) {
            resp.sendError(400, "malformed catalog");
        }
    }

    private void importCatalogSafe(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance(); // safe: CWE-611
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            Document doc = builder.parse(req.getInputStream()); // safe: CWE-611
            int count = doc.getElementsByTagName("product").getLength();
            resp.setContentType("text/html");
            resp.getWriter().println("<p>Imported " + count + " products into " + Encode.forHtml(req.getParameter("catalog")) + "</p>"); // safe: CWE-79
        } catch (ParserConfigurationException | SAXException e) {
            resp.sendError(400, "malformed catalog");
        }
    }

    /** Reads a cached report that the reporting service wrote to the shared volume. */
    static Object readReport(InputStream in) throws IOException, ClassNotFoundException {
        try (ObjectInputStream ois = new ObjectInputStream(in)) {
            ois.setObjectInputFilter(ObjectInputFilterConfig.REPORTS_ONLY);
            return ois.readObject(); // safe: CWE-502
        }
    }
}
