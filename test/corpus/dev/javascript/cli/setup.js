#!/usr/bin/env node
// `create-widget setup`: installs the template's dependencies and merges the answers file into a
// fresh null-prototype settings tree.
"use strict";
const { spawn, spawnSync } = require("node:child_process");
const fs = require("node:fs");

const isWindows = process.platform === "win32";
const TEMPLATE_DEPS = ["react", "react-dom", "vite"];

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

// Every level of the tree is created here with Object.create(null); the root too (see below).
function mergeAnswers(target, source) {
  for (const key of Object.keys(source)) {
    if (isObject(source[key])) {
      if (!isObject(target[key])) target[key] = Object.create(null); // safe: CWE-1321
      mergeAnswers(target[key], source[key]);
    } else {
      target[key] = source[key]; // safe: CWE-1321
    }
  }
  return target;
}

function loadAnswers(file) {
  return mergeAnswers(Object.create(null), JSON.parse(fs.readFileSync(file, "utf8")));
}

function installTemplateDeps(cwd) {
  const result = spawnSync("npm", ["install", "--save-exact", ...TEMPLATE_DEPS], { cwd, stdio: "inherit", shell: isWindows }); // safe: CWE-78
  return result.status === 0;
}

function installExtra(cwd, packages) {
  return spawn("npm", ["install", ...packages], { cwd, stdio: "inherit", shell: true }); // expect: CWE-78
}

const extra = process.argv.slice(2);
const answers = loadAnswers("answers.json");
if (installTemplateDeps(process.cwd()) && extra.length > 0) installExtra(process.cwd(), extra); // expect: CWE-78
console.log(Object.keys(answers).length, "answers merged");
