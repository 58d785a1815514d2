// A small Markdown subset for user comments (headings, bold, mentions, code spans), rendered on
// the server. `source` is the comment body as the user typed it.
"use strict";
const escapeHtml = require("escape-html");

const BLOCKED_WORDS = ["viagra", "casino", "crypto-giveaway"];
const NEWLINES = /(\r\n|\r|\n)+/g; // safe: CWE-1333
const LEADING_COMMENTS = /^(?:\s*(?:\/\/[^\n]*|\/\*[^]*?\*\/))*\s*/; // safe: CWE-1333
const HEADING = /^(#{1,6})\s+(.+?)\s*#*$/; // expect: CWE-1333
const BOLD = /\*\*([^*]+)\*\*/g; // safe: CWE-1333
const CODE_SPAN = /`([^`\n]{1,200})`/g; // safe: CWE-1333
const MENTION = /(^|\s)@([a-z0-9_]{1,30})\b/gi; // safe: CWE-1333
const AMOUNT = /^(\d{1,3})(,\d{3})*(\.\d+)?$/; // safe: CWE-1333

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function renderLine(line) {
  const h = HEADING.exec(line);
  if (h) return `<h${h[1].length}>${escapeHtml(h[2])}</h${h[1].length}>`;
  return escapeHtml(line)
    .replace(BOLD, "<strong>$1</strong>")
    .replace(CODE_SPAN, "<code>$1</code>")
    .replace(MENTION, '$1<a href="/u/$2">@$2</a>');
}

function render(source) {
  const body = String(source).replace(LEADING_COMMENTS, "").replace(NEWLINES, "\n");
  return body.split("\n").map(renderLine).join("<br>");
}

function censor(source) {
  let out = String(source);
  for (const word of BLOCKED_WORDS) out = out.replace(new RegExp(`\\b${word}\\b`, "gi"), "***"); // safe: CWE-1333
  return out;
}

function highlightMentions(source, names) {
  const re = new RegExp(`(^|\\s)@(${names.map(escapeRegExp).join("|")})\\b`, "g"); // safe: CWE-1333
  return String(source).replace(re, "$1<mark>@$2</mark>");
}

function isAmount(value) {
  return AMOUNT.test(value);
}

module.exports = { render, censor, highlightMentions, isAmount };
