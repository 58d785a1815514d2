package com.example.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admin maintenance endpoints: database dumps, log search, and input checks for the job form. */
@RestController
public class MaintenanceController {

    private static final Set<String> DATABASES = Set.of("orders", "customers", "catalog");
    private static final Pattern JOB_NAME = Pattern.compile("^[a-z][a-z0-9-]{2,40}$"); // safe: CWE-1333
    private static final Pattern CRON = Pattern.compile("^(\\S+\\s+){4}\\S+$"); // safe: CWE-1333
    private static final Pattern WORDS = Pattern.compile("^(?:\\w++\\s?)++$"); // safe: CWE-1333
    private static final Pattern LABELS = Pattern.compile("^([a-z]+,?)+$"); // expect: CWE-1333
    private static final Pattern HEADER = Pattern.compile("^([^:]+):\\s*(.*?)\\s*$"); // expect: CWE-1333

    @PostMapping("/admin/dump")
    public ResponseEntity<String> dump(@RequestParam String database) throws IOException, InterruptedException {
        if (!DATABASES.contains(database)) {
            return ResponseEntity.badRequest().body("unknown database");
        }
        Process p = new ProcessBuilder("pg_dump", "--format=custom", "--file", "/backups/" + database + ".dump", database).start(); // safe: CWE-78
        return ResponseEntity.ok("exit " + p.waitFor());
    }

    @PostMapping("/admin/dump/all")
    public ResponseEntity<String> dumpAll() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "pg_dumpall | gzip > /backups/all.sql.gz").start(); // safe: CWE-78
        return ResponseEntity.ok("exit " + p.waitFor());
    }

    @PostMapping("/admin/vacuum")
    public ResponseEntity<String> vacuum(@RequestParam String database) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "psql -c 'VACUUM ANALYZE' " + database).start(); // expect: CWE-78
        return ResponseEntity.ok("exit " + p.waitFor());
    }

    @PostMapping("/admin/vacuum/v2")
    public ResponseEntity<String> vacuumChecked(@RequestParam String database) throws IOException, InterruptedException {
        if (!DATABASES.contains(database)) {
            return ResponseEntity.badRequest().body("unknown database");
        }
        Process p = new ProcessBuilder("sh", "-c", "psql -c 'VACUUM ANALYZE' " + database).start(); // safe: CWE-78
        return ResponseEntity.ok("exit " + p.waitFor());
    }

    @GetMapping("/admin/logs")
    public ResponseEntity<String> grep(@RequestParam String term) throws IOException {
        Process p = Runtime.getRuntime().exec(new String[] {"grep", "-rF", "--", term, "/var/log/app"}); // safe: CWE-78
        return ResponseEntity.ok(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @GetMapping("/admin/logs/tail")
    public ResponseEntity<String> tail(@RequestParam String file) throws IOException {
        Process p = Runtime.getRuntime().exec("tail -n 100 /var/log/app/" + file); // expect: CWE-78
        return ResponseEntity.ok(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @GetMapping("/admin/logs/count")
    public ResponseEntity<String> count(@RequestParam int days) throws IOException {
        Process p = Runtime.getRuntime().exec(new String[] {"sh", "-c", "find /var/log/app -mtime -" + days + " | wc -l"}); // safe: CWE-78
        return ResponseEntity.ok(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @PostMapping("/admin/jobs")
    public ResponseEntity<String> createJob(@RequestParam String name, @RequestParam String schedule,
            @RequestParam String description, @RequestParam String labels) {
        if (!JOB_NAME.matcher(name).matches() || !CRON.matcher(schedule).matches()) {
            return ResponseEntity.badRequest().body("invalid job");
        }
        if (!WORDS.matcher(description).matches() || !LABELS.matcher(labels).matches()) {
            return ResponseEntity.badRequest().body("invalid description or labels");
        }
        return ResponseEntity.ok(name);
    }

    static List<String> headerParts(String line) {
        Matcher m = HEADER.matcher(line);
        return m.matches() ? List.of(m.group(1), m.group(2)) : List.of();
    }
}
