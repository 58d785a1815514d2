// Values that look like credentials but are not: placeholders, templates, documented
// examples and test fixtures. Being wrong here costs a false alarm on every PR that
// touches a README, so the lists lean towards skipping.
import { maxCharShare } from "./entropy.js";

const PLACEHOLDER_WORDS = [
  "changeme",
  "change_me",
  "change-me",
  "changeit",
  "placeholder",
  "replace_me",
  "replaceme",
  "replace-me",
  "your_",
  "your-",
  "yourkey",
  "yourtoken",
  "yoursecret",
  "yourpassword",
  "_here",
  "-here",
  "redacted",
  "example",
  "insert",
  "todo",
  "xxxx",
  "****",
  "....",
  "<",
  ">",
];

/** Markers of a template or variable reference rather than a value. */
const TEMPLATE =
  /\$\{[^}]*\}|\{\{[^}]*\}\}|^\$[A-Za-z_][A-Za-z0-9_]*$|%\([^)]*\)s|^%[A-Za-z_]+%$|^<[^>]*>$|^\[[^\]]*\]$/;

/** Words that mark test data; they only excuse a value in a test/fixture/docs path. */
const FIXTURE_WORDS = /dummy|fake|test|mock|sample|fixture|invalid|bogus/i;

const FIXTURE_PATH =
  /(^|\/)(tests?|__tests__|specs?|fixtures?|__fixtures__|testdata|test-data|mocks?|__mocks__|examples?|samples?|docs?|documentation)(\/|$)|(\.|_|-)(test|spec|mock|fixture)s?\.[a-z0-9]+$|(^|\/)test_[^/]+\.py$|_test\.go$|\.(md|mdx|markdown|rst|adoc|txt)$/i;

/** Reverse-domain package folders (`com/example/auth/`, `org/example/`): production code, not samples. */
const PACKAGE_EXAMPLE = /(^|\/)(com|org|net|io|dev|co|me)\/(examples?)\//gi;

export function isFixturePath(path: string): boolean {
  return FIXTURE_PATH.test(path.replace(PACKAGE_EXAMPLE, "$1$2/_$3_/"));
}

/** True for values that are clearly not real secrets, wherever they appear. */
export function isPlaceholder(value: string): boolean {
  const lower = value.toLowerCase();
  if (PLACEHOLDER_WORDS.some((w) => lower.includes(w))) return true;
  if (TEMPLATE.test(value)) return true;
  // aaaaaaaa, AKIAXXXXXXXXXXXXXXXX, sk-000000000000...
  if (maxCharShare(value) > 0.5) return true;
  return false;
}

/** True when the value is test data in a test, fixture or documentation file. */
export function isFixtureValue(value: string, path: string): boolean {
  return isFixturePath(path) && FIXTURE_WORDS.test(value);
}
