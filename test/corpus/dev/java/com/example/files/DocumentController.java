package com.example.files;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

@Controller
public class DocumentController {

    private static final String STORAGE_DIR = "/var/app/documents";
    private static final Path STORAGE_ROOT = Paths.get(STORAGE_DIR).toAbsolutePath().normalize();

    @GetMapping("/documents/download")
    @ResponseBody
    public byte[] download(@RequestParam String filename) throws IOException {
        return Files.readAllBytes(new File(STORAGE_DIR, filename).toPath()); // expect: CWE-22
    }

    @GetMapping("/documents/v2/download")
    @ResponseBody
    public byte[] downloadSafe(@RequestParam String filename) throws IOException {
        Path target = STORAGE_ROOT.resolve(filename).normalize();
        if (!target.startsWith(STORAGE_ROOT)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "invalid file name");
        }
        return Files.readAllBytes(target); // safe: CWE-22
    }

    @GetMapping("/documents/{name}/text")
    @ResponseBody
    public String preview(@PathVariable String name) throws IOException {
        String safeName = Paths.get(name).getFileName().toString();
        return Files.readString(Paths.get(STORAGE_DIR, safeName)); // safe: CWE-22
    }

    @GetMapping("/documents/attachment")
    @ResponseBody
    public byte[] attachment(@RequestParam String folder, @RequestParam String name) throws IOException {
        return Files.readAllBytes(Paths.get(STORAGE_DIR, folder, name)); // expect: CWE-22
    }

    @PostMapping("/documents/convert")
    public ResponseEntity<String> convert(@RequestParam String name, @RequestParam String format) throws IOException {
        String input = STORAGE_DIR + "/" + name;
        String command = "libreoffice --headless --convert-to " + format + " " + input;
        Process p = Runtime.getRuntime().exec(command); // expect: CWE-78
        return ResponseEntity.accepted().body("pid " + p.pid());
    }

    @PostMapping("/documents/v2/convert")
    public ResponseEntity<String> convertSafe(@RequestParam String name) throws IOException {
        if (!List.of("pdf", "docx", "odt").contains(name.substring(name.lastIndexOf('.') + 1))) {
            return ResponseEntity.badRequest().body("unsupported");
        }
        Path input = STORAGE_ROOT.resolve(Paths.get(name).getFileName().toString());
        Process p = new ProcessBuilder("libreoffice", "--headless", "--convert-to", "pdf", input.toString()).start(); // safe: CWE-78
        return ResponseEntity.accepted().body("pid " + p.pid());
    }

    @PostMapping("/documents/thumbnail")
    public ResponseEntity<String> thumbnail(@RequestParam String name) throws IOException {
        Runtime.getRuntime().exec(new String[] {"sh", "-c", "convert " + STORAGE_DIR + "/" + name + " -thumbnail 200x200 /tmp/thumb.png"}); // expect: CWE-78
        return ResponseEntity.accepted().build();
    }

    @GetMapping("/documents/disk")
    @ResponseBody
    public String disk() throws IOException {
        Process p = Runtime.getRuntime().exec(new String[] {"df", "-h", STORAGE_DIR}); // safe: CWE-78
        return new String(p.getInputStream().readAllBytes());
    }

    @PostMapping("/documents/{id}/share")
    public String share(@PathVariable long id, @RequestParam(defaultValue = "/documents") String returnUrl) {
        return "redirect:" + returnUrl; // expect: CWE-601
    }

    @PostMapping("/documents/{id}/archive")
    public String archive(@PathVariable long id, @RequestParam(defaultValue = "/documents") String returnUrl) {
        if (returnUrl.startsWith("/") && !returnUrl.startsWith("//") && !returnUrl.contains("\\")) {
            return "redirect:" + returnUrl; // safe: CWE-601
        }
        return "redirect:/documents"; // safe: CWE-601
    }
}
