package com.acme.billing.web;

import freemarker.template.Configuration;
import freemarker.template.Template;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.*;

@Controller
@RequestMapping("/accounts")
public class AccountController {

    private static final Set<String> SORTABLE = Set.of("created_at", "balance", "name");
    private static final Map<String, String> RETURN_PAGES = Map.of("dashboard", "/dashboard", "settings", "/settings", "billing", "/billing");

    private final JdbcTemplate jdbcTemplate;
    private final Configuration freemarker;

    public AccountController(JdbcTemplate jdbcTemplate, Configuration freemarker) {
        this.jdbcTemplate = jdbcTemplate;
        this.freemarker = freemarker;
    }

    @GetMapping("/search")
    @ResponseBody
    public List<Map<String, Object>> search(@RequestParam String owner) {
        String sql = "SELECT id, name, balance FROM accounts WHERE owner_email = '" + owner + "'";
        return jdbcTemplate.queryForList(sql); // expect: CWE-89
    }

    @GetMapping("/{id}")
    @ResponseBody
    public Map<String, Object> get(@PathVariable long id) {
        return jdbcTemplate.queryForMap("SELECT id, name, balance FROM accounts WHERE id = ?", id); // safe: CWE-89
    }

    @GetMapping
    @ResponseBody
    public List<Map<String, Object>> list(@RequestParam(defaultValue = "created_at") String sort) {
        String column = SORTABLE.contains(sort) ? sort : "created_at";
        return jdbcTemplate.queryForList("SELECT id, name, balance FROM accounts ORDER BY " + column); // safe: CWE-89
    }

    @PostMapping("/{id}/statement")
    @ResponseBody
    public ResponseEntity<String> statement(@PathVariable long id, @RequestParam String month) throws IOException {
        String[] cmd = {"/bin/sh", "-c", "/opt/billing/bin/statement.sh " + id + " " + month};
        Process p = Runtime.getRuntime().exec(cmd); // expect: CWE-78
        return ResponseEntity.accepted().body("statement job started: " + p.pid());
    }

    @PostMapping("/{id}/statement/v2")
    @ResponseBody
    public ResponseEntity<String> statementV2(@PathVariable long id, @RequestParam String month) throws IOException {
        if (!month.matches("\\d{4}-\\d{2}")) {
            return ResponseEntity.badRequest().body("month must be YYYY-MM");
        }
        Process p = new ProcessBuilder("/opt/billing/bin/statement.sh", Long.toString(id), month).start(); // safe: CWE-78
        return ResponseEntity.accepted().body("statement job started: " + p.pid());
    }

    @PostMapping("/notices/preview")
    public ResponseEntity<String> previewNotice(@RequestBody Map<String, String> body) throws Exception {
        Template tpl = new Template("notice-preview", new StringReader(body.get("template")), freemarker); // expect: CWE-1336
        StringWriter out = new StringWriter();
        tpl.process(Map.of("accountName", body.getOrDefault("accountName", "")), out);
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(out.toString());
    }

    @PostMapping("/notices/default")
    public ResponseEntity<String> defaultNotice(@RequestParam String accountName) throws Exception {
        Template tpl = freemarker.getTemplate("notices/default.ftlh"); // safe: CWE-1336
        StringWriter out = new StringWriter();
        tpl.process(Map.of("accountName", accountName), out);
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(out.toString());
    }

    @GetMapping("/switch")
    public String switchAccount(@RequestParam long id, @RequestParam(required = false) String returnUrl) {
        jdbcTemplate.update("UPDATE user_prefs SET active_account = ? WHERE user_id = current_setting('app.user_id')::bigint", id); // safe: CWE-89
        return "redirect:" + returnUrl; // expect: CWE-601
    }

    @GetMapping("/done")
    public String done(@RequestParam(defaultValue = "dashboard") String page) {
        return "redirect:" + RETURN_PAGES.getOrDefault(page, "/dashboard"); // safe: CWE-601
    }
}
