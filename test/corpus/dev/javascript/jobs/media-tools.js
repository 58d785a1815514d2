// Media endpoints: thumbnails, probing, archive download and raw file access.
const { exec, execSync, execFile, spawn } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const express = require("express");

const UPLOAD_DIR = path.resolve(__dirname, "../../uploads");
const router = express.Router();

function resolveInside(base, userPath) {
  const target = path.resolve(base, userPath);
  if (target !== base && !target.startsWith(base + path.sep)) {
    throw Object.assign(new Error("path escapes upload dir"), { status: 400 });
  }
  return target;
}

router.post("/thumbnails", (req, res) => {
  const { file, width } = req.body;
  const input = `${UPLOAD_DIR}/${file}`;
  const output = input.replace(/\.\w+$/, "-thumb.jpg");
  exec(`convert ${input} -resize ${width}x ${output}`, (err) => { // expect: CWE-78
    if (err) return res.status(500).json({ error: "conversion failed" });
    res.json({ thumbnail: path.basename(output) });
  });
});

router.post("/thumbnails/v2", (req, res) => {
  const name = path.basename(String(req.body.file));
  const width = Number.parseInt(req.body.width, 10) || 256;
  const input = path.join(UPLOAD_DIR, name); // safe: CWE-22
  execFile("convert", [input, "-resize", `${width}x`, input.replace(/\.\w+$/, "-thumb.jpg")], (err) => { // safe: CWE-78
    if (err) return res.status(500).json({ error: "conversion failed" });
    res.json({ ok: true });
  });
});

router.get("/probe", (req, res) => {
  const info = execSync("ffprobe -v quiet -print_format json -show_format " + req.query.path).toString(); // expect: CWE-78
  res.type("application/json").send(info);
});

router.post("/archive", (req, res) => {
  const archiveName = `${req.body.name}.tar.gz`;
  const child = spawn(`tar -czf /tmp/${archiveName} -C ${UPLOAD_DIR} .`, { shell: true }); // expect: CWE-78
  child.on("close", (code) => res.json({ ok: code === 0 }));
});

router.post("/transcode", (req, res) => {
  const src = resolveInside(UPLOAD_DIR, String(req.body.src));
  const child = spawn("ffmpeg", ["-y", "-i", src, "-vn", "-acodec", "libmp3lame", `${src}.mp3`]); // safe: CWE-78
  child.on("close", (code) => res.json({ ok: code === 0 }));
});

router.get("/version", (_req, res) => {
  const revision = execSync("git rev-parse --short HEAD").toString().trim(); // safe: CWE-78
  res.json({ revision });
});

router.get("/files/:name", (req, res) => {
  fs.createReadStream(path.join(UPLOAD_DIR, req.params.name)).pipe(res); // expect: CWE-22
});

router.get("/download", (req, res) => {
  res.sendFile(path.join(UPLOAD_DIR, req.query.file)); // expect: CWE-22
});

router.get("/download/v2", (req, res) => {
  res.sendFile(String(req.query.file), { root: UPLOAD_DIR, dotfiles: "deny" }); // safe: CWE-22
});

router.get("/preview/:name", (req, res, next) => {
  const safeName = path.basename(req.params.name);
  fs.readFile(path.join(UPLOAD_DIR, safeName), "utf8", (err, text) => { // safe: CWE-22
    if (err) return next(err);
    res.type("text/plain").send(text.slice(0, 2000));
  });
});

router.get("/raw/*", async (req, res, next) => {
  try {
    const data = await fs.promises.readFile(resolveInside(UPLOAD_DIR, req.params[0])); // safe: CWE-22
    res.type("application/octet-stream").send(data);
  } catch (err) {
    next(err);
  }
});

// Called by the nightly cleanup job with a directory from its config.
function purgeDirectory(dir) {
  return execSync(`rm -rf ${dir}/*`); // expect: CWE-78
}

module.exports = { router, purgeDirectory };
