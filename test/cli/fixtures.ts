// Source snippets used by the CLI tests. The "secrets" are random strings in the shape of
// AWS credentials, made up for these tests.
export const AWS_KEY_ID = "AKIAQYLPMN5HHHFPZAM2";
export const AWS_SECRET = "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";

export const SAFE_JS = `const db = require("./db");

function findUser(req) {
  return db.query("SELECT * FROM users WHERE id = ?", [req.query.id]);
}

module.exports = { findUser };
`;

export const SQL_LINE = `  return db.query("SELECT * FROM users WHERE id = " + req.query.id);`;

export const VULN_JS = `const db = require("./db");

function findUser(req) {
${SQL_LINE}
}

module.exports = { findUser };
`;

export const SECRET_JS = `const AWS = require("aws-sdk");

const s3 = new AWS.S3({
  accessKeyId: "${AWS_KEY_ID}",
  secretAccessKey: "${AWS_SECRET}",
});

module.exports = s3;
`;
