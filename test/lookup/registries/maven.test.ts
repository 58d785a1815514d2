import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { HttpError, createHttpClient } from "../../../src/lookup/http.js";
import {
  compareMavenVersions,
  mavenCentral,
  parseMavenRange,
  spdxFromPomLicense,
} from "../../../src/lookup/registries/maven.js";

const BASE = "https://repo1.maven.org";
const DIR = "/maven2/com/fasterxml/jackson/core/jackson-databind";
const NAME = "com.fasterxml.jackson.core:jackson-databind";
const http = createHttpClient({ timeoutMs: 2000 });
const ctx = { http, baseUrl: mavenCentral.defaultBaseUrl };

// Trimmed from the real maven-metadata.xml (which lists ~150 versions).
const METADATA = `<?xml version="1.0" encoding="UTF-8"?>
<metadata>
  <groupId>com.fasterxml.jackson.core</groupId>
  <artifactId>jackson-databind</artifactId>
  <versioning>
    <latest>2.17.0</latest>
    <release>2.17.0</release>
    <versions>
      <version>2.0.0-RC1</version>
      <version>2.0.0</version>
      <version>2.15.2</version>
      <version>2.16.0-rc1</version>
      <version>2.16.1</version>
      <version>2.17.0</version>
    </versions>
    <lastUpdated>20240312154522</lastUpdated>
  </versioning>
</metadata>
`;

function pom(version: string, licenses: string, parent = true): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  ${parent ? "<parent><groupId>com.fasterxml.jackson</groupId><artifactId>jackson-base</artifactId><version>2.15.2</version></parent>" : ""}
  <groupId>com.fasterxml.jackson.core</groupId>
  <artifactId>jackson-databind</artifactId>
  <version>${version}</version>
  <name>jackson-databind</name>
  ${licenses}
</project>
`;
}

const APACHE = `<licenses><license><name>The Apache Software License, Version 2.0</name><url>https://www.apache.org/licenses/LICENSE-2.0.txt</url><distribution>repo</distribution></license></licenses>`;
const FIRST_POM_DATE = "Sun, 29 Jul 2012 19:01:58 GMT"; // 2.0.0-RC1, the earliest listed version

/** metadata + the chosen version's pom + HEAD of the earliest pom. */
function central(version: string, opts: { licenses?: string; lastModified?: string } = {}): nock.Scope {
  return nock(BASE)
    .get(`${DIR}/maven-metadata.xml`)
    .reply(200, METADATA, { "content-type": "text/xml" })
    .get(`${DIR}/${version}/jackson-databind-${version}.pom`)
    .reply(200, pom(version, opts.licenses ?? APACHE), {
      "last-modified": opts.lastModified ?? "Tue, 30 May 2023 20:05:38 GMT",
    })
    .head(`${DIR}/2.0.0-RC1/jackson-databind-2.0.0-RC1.pom`)
    .reply(200, "", { "last-modified": FIRST_POM_DATE });
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe("compareMavenVersions", () => {
  it("orders numeric segments numerically and pre-releases before the release", () => {
    const shuffled = [
      "1.0.1",
      "1.0-SNAPSHOT",
      "1.0",
      "1.0-rc1",
      "1.10",
      "1.0-alpha-1",
      "1.9",
      "1.0-sp1",
      "1.0-beta",
      "1.0-M1",
    ];
    expect([...shuffled].sort(compareMavenVersions)).toEqual([
      "1.0-alpha-1",
      "1.0-beta",
      "1.0-M1",
      "1.0-rc1",
      "1.0-SNAPSHOT",
      "1.0",
      "1.0-sp1",
      "1.0.1",
      "1.9",
      "1.10",
    ]);
  });

  it("treats trailing zeros and release qualifiers as equal", () => {
    expect(compareMavenVersions("1.0", "1.0.0")).toBe(0);
    expect(compareMavenVersions("5.3.0.Final", "5.3.0")).toBe(0);
    expect(compareMavenVersions("2.16.0-rc1", "2.16")).toBe(-1);
  });
});

describe("parseMavenRange", () => {
  it("parses the bracket forms, and says a bare version is not a range", () => {
    expect(parseMavenRange("[1.0,2.0)")).toEqual([
      { lower: { version: "1.0", inclusive: true }, upper: { version: "2.0", inclusive: false } },
    ]);
    expect(parseMavenRange("(1.0,2.0]")).toEqual([
      { lower: { version: "1.0", inclusive: false }, upper: { version: "2.0", inclusive: true } },
    ]);
    expect(parseMavenRange("[1.5]")).toEqual([
      { lower: { version: "1.5", inclusive: true }, upper: { version: "1.5", inclusive: true } },
    ]);
    expect(parseMavenRange("[1.2,)")).toEqual([{ lower: { version: "1.2", inclusive: true }, upper: undefined }]);
    expect(parseMavenRange("(,1.0]")).toEqual([{ lower: undefined, upper: { version: "1.0", inclusive: true } }]);
    expect(parseMavenRange("[1.0,2.0),[3.0,)")).toHaveLength(2);
    expect(parseMavenRange("2.15.2")).toBeUndefined();
    expect(parseMavenRange("[1.0,2.0")).toBeUndefined();
    expect(parseMavenRange("(1.5)")).toBeUndefined();
    expect(parseMavenRange("[,]")).toBeUndefined();
  });
});

describe("spdxFromPomLicense", () => {
  it.each([
    ["The Apache Software License, Version 2.0", "", "Apache-2.0"],
    ["Apache License, Version 2.0", "", "Apache-2.0"],
    ["Apache-2.0", "", "Apache-2.0"],
    ["MIT License", "", "MIT"],
    ["The MIT License", "", "MIT"],
    ["Eclipse Public License 1.0", "", "EPL-1.0"],
    ["Eclipse Public License - v 2.0", "", "EPL-2.0"],
    ["BSD 3-Clause", "", "BSD-3-Clause"],
    ["New BSD License", "", "BSD-3-Clause"],
    ["GNU Lesser General Public License, Version 2.1", "", "LGPL-2.1-only"],
    ["GNU LGPL 2.1", "", "LGPL-2.1-only"],
    ["CDDL 1.1", "", "CDDL-1.1"],
    ["Common Development and Distribution License (CDDL) v1.0", "", "CDDL-1.0"],
    ["GPLv2 with Classpath Exception", "", "GPL-2.0-only WITH Classpath-exception-2.0"],
    ["GPL2 w/ CPE", "", "GPL-2.0-only WITH Classpath-exception-2.0"],
    ["Apache 2 (see LICENSE)", "http://www.apache.org/licenses/LICENSE-2.0.txt", "Apache-2.0"],
    ["Bouncy Castle Licence", "https://www.bouncycastle.org/licence.html", "Bouncy Castle Licence"],
    ["", "https://example.com/license.txt", "https://example.com/license.txt"],
  ])("%j → %j", (name, url, spdx) => {
    expect(spdxFromPomLicense(name, url)).toBe(spdx);
  });
});

describe("mavenCentral", () => {
  it("describes an exact version: publish time from Last-Modified, licence from the pom, age from the earliest pom", async () => {
    const scope = central("2.15.2");

    const facts = await mavenCentral.lookup(NAME, "2.15.2", ctx);

    expect(facts).toEqual({
      exists: true,
      url: "https://central.sonatype.com/artifact/com.fasterxml.jackson.core/jackson-databind",
      version: "2.15.2",
      versionPublished: "2023-05-30T20:05:38.000Z",
      license: "Apache-2.0",
      created: "2012-07-29T19:01:58.000Z",
    });
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ["an unresolved property", "${jackson.version}"],
    ["no version", ""],
    ["a malformed range", "[2.0,"],
  ])("%s → describes <release>", async (_what, declared) => {
    const scope = central("2.17.0");

    const facts = await mavenCentral.lookup(NAME, declared, ctx);

    expect(facts.version).toBe("2.17.0");
    expect(facts.license).toBe("Apache-2.0");
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ["[2.0,2.16.0-rc1)", "2.15.2"],
    ["[2.16,)", "2.17.0"],
    ["(,2.16.0]", "2.16.0-rc1"], // Maven: 2.16.0-rc1 < 2.16.0, so it is inside
    ["[2.0.0,2.15.2]", "2.15.2"],
    ["[2.15.2]", "2.15.2"],
    ["(2.0.0,2.16.1),[2.17.0,)", "2.17.0"],
  ])("range %s → the highest listed version inside it (%s)", async (range, expected) => {
    const scope = central(expected);

    const facts = await mavenCentral.lookup(NAME, range, ctx);

    expect(facts.version).toBe(expected);
    expect(scope.isDone()).toBe(true);
  });

  it("a range nothing matches: exists, says so, and fetches no pom for it", async () => {
    const scope = nock(BASE)
      .get(`${DIR}/maven-metadata.xml`)
      .reply(200, METADATA)
      .head(`${DIR}/2.0.0-RC1/jackson-databind-2.0.0-RC1.pom`)
      .reply(200, "", { "last-modified": FIRST_POM_DATE });

    const facts = await mavenCentral.lookup(NAME, "[3.0,4.0)", ctx);

    expect(facts).toMatchObject({ exists: true, missingVersion: "[3.0,4.0)", created: "2012-07-29T19:01:58.000Z" });
    expect(facts.version).toBeUndefined();
    expect(scope.isDone()).toBe(true);
  });

  it("several licences are a choice (OR); mapped each, deduplicated", async () => {
    const licenses = `<licenses>
      <license><name>CDDL 1.1</name><url>https://github.com/javaee/javax.annotation/blob/master/LICENSE</url></license>
      <license><name>GPL2 w/ CPE</name><url>https://github.com/javaee/javax.annotation/blob/master/LICENSE</url></license>
      <license><name>CDDL 1.1</name></license>
    </licenses>`;
    const scope = central("2.16.1", { licenses });

    const facts = await mavenCentral.lookup(NAME, "2.16.1", ctx);

    expect(facts.license).toBe("CDDL-1.1 OR GPL-2.0-only WITH Classpath-exception-2.0");
    expect(scope.isDone()).toBe(true);
  });

  it("unknown licence names pass through as raw text", async () => {
    const scope = central("2.16.1", {
      licenses: `<licenses><license><name>Acme Corp Internal Use Licence</name></license></licenses>`,
    });

    await expect(mavenCentral.lookup(NAME, "2.16.1", ctx)).resolves.toMatchObject({
      license: "Acme Corp Internal Use Licence",
    });
    expect(scope.isDone()).toBe(true);
  });

  it("no <licenses> and no parent → null (none); no <licenses> but a parent → unknown (it may inherit one)", async () => {
    const scope = nock(BASE)
      .get(`${DIR}/maven-metadata.xml`)
      .times(2)
      .reply(200, METADATA)
      .get(`${DIR}/2.16.1/jackson-databind-2.16.1.pom`)
      .reply(200, pom("2.16.1", "", false))
      .get(`${DIR}/2.17.0/jackson-databind-2.17.0.pom`)
      .reply(200, pom("2.17.0", "", true))
      .head(`${DIR}/2.0.0-RC1/jackson-databind-2.0.0-RC1.pom`)
      .times(2)
      .reply(200, "")
      // The parent pom cannot be read: the licence stays unknown.
      .get("/maven2/com/fasterxml/jackson/jackson-base/2.15.2/jackson-base-2.15.2.pom")
      .reply(404, "Not Found");

    const withoutParent = await mavenCentral.lookup(NAME, "2.16.1", ctx);
    const withParent = await mavenCentral.lookup(NAME, "2.17.0", ctx);

    expect(withoutParent.license).toBeNull();
    expect(withParent.license).toBeUndefined();
    // No Last-Modified header: times are unknown rather than invented.
    expect(withoutParent.versionPublished).toBeUndefined();
    expect(withoutParent.created).toBeUndefined();
    expect(scope.isDone()).toBe(true);
  });

  it("follows parent poms for an inherited licence (at most three levels)", async () => {
    const parentPom = (artifact: string, licenses: string, grandParent?: string) => `<?xml version="1.0"?>
<project>
  ${grandParent ? `<parent><groupId>com.fasterxml</groupId><artifactId>${grandParent}</artifactId><version>50</version></parent>` : ""}
  <groupId>com.fasterxml.jackson</groupId><artifactId>${artifact}</artifactId><version>2.15.2</version>
  ${licenses}
</project>`;
    const scope = nock(BASE)
      .get(`${DIR}/maven-metadata.xml`)
      .reply(200, METADATA)
      .get(`${DIR}/2.17.0/jackson-databind-2.17.0.pom`)
      .reply(200, pom("2.17.0", "", true))
      .head(`${DIR}/2.0.0-RC1/jackson-databind-2.0.0-RC1.pom`)
      .reply(200, "")
      .get("/maven2/com/fasterxml/jackson/jackson-base/2.15.2/jackson-base-2.15.2.pom")
      .reply(200, parentPom("jackson-base", "", "oss-parent"))
      .get("/maven2/com/fasterxml/oss-parent/50/oss-parent-50.pom")
      .reply(200, parentPom("oss-parent", APACHE));
    const facts = await mavenCentral.lookup(NAME, "2.17.0", ctx);
    expect(facts.license).toBe("Apache-2.0");
    expect(scope.isDone()).toBe(true);
  });

  it("a 404 on the pom: the artifact exists, the version does not", async () => {
    const scope = nock(BASE)
      .get(`${DIR}/maven-metadata.xml`)
      .reply(200, METADATA)
      .get(`${DIR}/9.9.9/jackson-databind-9.9.9.pom`)
      .reply(404, "Not Found")
      .head(`${DIR}/2.0.0-RC1/jackson-databind-2.0.0-RC1.pom`)
      .reply(200, "", { "last-modified": FIRST_POM_DATE });

    const facts = await mavenCentral.lookup(NAME, "9.9.9", ctx);

    expect(facts).toMatchObject({
      exists: true,
      version: "9.9.9",
      missingVersion: "9.9.9",
      created: "2012-07-29T19:01:58.000Z",
    });
    expect(facts.license).toBeUndefined();
    expect(scope.isDone()).toBe(true);
  });

  it("skips the HEAD request when the chosen version is the only (earliest) one", async () => {
    const only = METADATA.replace(
      /<versions>[\s\S]*<\/versions>/,
      "<versions><version>1.0.0</version></versions>",
    ).replace(/2\.17\.0/g, "1.0.0");
    const scope = nock(BASE)
      .get(`${DIR}/maven-metadata.xml`)
      .reply(200, only)
      .get(`${DIR}/1.0.0/jackson-databind-1.0.0.pom`)
      .reply(200, pom("1.0.0", APACHE), { "last-modified": "Mon, 01 Jan 2024 00:00:00 GMT" });

    const facts = await mavenCentral.lookup(NAME, "1.0.0", ctx);

    expect(facts.created).toBe("2024-01-01T00:00:00.000Z");
    expect(facts.versionPublished).toBe(facts.created);
    expect(scope.isDone()).toBe(true);
  });

  it.each([404, 410])("HTTP %i on maven-metadata.xml → the artifact does not exist", async (status) => {
    const scope = nock(BASE)
      .get("/maven2/com/fasterxml/jackson/core/jackson-databind-extras/maven-metadata.xml")
      .reply(status, "Not Found");

    await expect(
      mavenCentral.lookup("com.fasterxml.jackson.core:jackson-databind-extras", "1.0", ctx),
    ).resolves.toEqual({ exists: false });
    expect(scope.isDone()).toBe(true);
  });

  it("HTTP 500 rejects with an HttpError carrying the status", async () => {
    const scope = nock(BASE).get(`${DIR}/maven-metadata.xml`).reply(500, "Internal Server Error");

    const err = await mavenCentral.lookup(NAME, "2.15.2", ctx).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(500);
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ["HTML that is not XML", "<html><body><p>Please sign in<br></body></html>", /not XML/],
    ["XML that is not metadata", "<error><message>denied</message></error>", /no <metadata>/],
  ])("a malformed maven-metadata.xml rejects: %s", async (_what, body, message) => {
    const scope = nock(BASE).get(`${DIR}/maven-metadata.xml`).reply(200, body);

    await expect(mavenCentral.lookup(NAME, "2.15.2", ctx)).rejects.toThrow(message);
    expect(scope.isDone()).toBe(true);
  });

  it("works against a Nexus mirror base URL with a trailing slash; the page URL stays on Central", async () => {
    const mirror = "https://nexus.corp.example";
    const dir = "/repository/maven-public/org/apache/commons/commons-lang3";
    const metadata = `<metadata><groupId>org.apache.commons</groupId><artifactId>commons-lang3</artifactId><versioning><release>3.14.0</release><versions><version>3.0</version><version>3.14.0</version></versions></versioning></metadata>`;
    const scope = nock(mirror)
      .get(`${dir}/maven-metadata.xml`)
      .reply(200, metadata)
      .get(`${dir}/3.14.0/commons-lang3-3.14.0.pom`)
      .reply(200, pom("3.14.0", APACHE), { "last-modified": "Sun, 19 Nov 2023 19:12:00 GMT" })
      .head(`${dir}/3.0/commons-lang3-3.0.pom`)
      .reply(200, "", { "last-modified": "Tue, 19 Jul 2011 21:18:00 GMT" });

    const facts = await mavenCentral.lookup("org.apache.commons:commons-lang3", "3.14.0", {
      http,
      baseUrl: `${mirror}/repository/maven-public/`,
    });

    expect(facts).toEqual({
      exists: true,
      url: "https://central.sonatype.com/artifact/org.apache.commons/commons-lang3",
      version: "3.14.0",
      versionPublished: "2023-11-19T19:12:00.000Z",
      license: "Apache-2.0",
      created: "2011-07-19T21:18:00.000Z",
    });
    expect(scope.isDone()).toBe(true);
  });

  it("rejects a name that is not groupId:artifactId without asking the repository", async () => {
    await expect(mavenCentral.lookup("jackson-databind", "2.15.2", ctx)).rejects.toThrow(
      /not a Maven groupId:artifactId/,
    );
    await expect(mavenCentral.lookup("com.example:../../admin", "1.0", ctx)).rejects.toThrow(
      /not a Maven groupId:artifactId/,
    );
  });
});

describe("Maven: documents that do not fit their schema (after XML parsing)", () => {
  it.each([
    ["versioning as text", "<metadata><versioning>2.15.2</versioning></metadata>", /at metadata\.versioning/],
    [
      "versions holding text",
      "<metadata><versioning><versions>2.15.2</versions></versioning></metadata>",
      /at metadata\.versioning\.versions/,
    ],
  ])("a maven-metadata.xml with %s rejects", async (_what, body, where) => {
    const scope = nock(BASE).get(`${DIR}/maven-metadata.xml`).reply(200, body);
    const err = await mavenCentral.lookup(NAME, "2.15.2", ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).message).toMatch(/unexpected answer/);
    expect((err as HttpError).message).toMatch(where);
    expect(scope.isDone()).toBe(true);
  });

  it("an empty <versioning/> is read as no versions, not as malformed", async () => {
    nock(BASE).get(`${DIR}/maven-metadata.xml`).reply(200, "<metadata><versioning/></metadata>");
    await expect(mavenCentral.lookup(NAME, "", ctx)).resolves.toMatchObject({ exists: true });
  });

  it.each([
    ["is not a <project>", "<error><message>denied</message></error>", /no <project>/],
    ["has a <parent> holding text", "<project><parent>jackson-base</parent></project>", /at project\.parent/],
  ])("a pom that %s rejects the look-up (never a licence of none)", async (_what, body, where) => {
    const scope = nock(BASE)
      .get(`${DIR}/maven-metadata.xml`)
      .reply(200, METADATA)
      .get(`${DIR}/2.15.2/jackson-databind-2.15.2.pom`)
      .reply(200, body)
      .head(`${DIR}/2.0.0-RC1/jackson-databind-2.0.0-RC1.pom`)
      .reply(200, "", { "last-modified": FIRST_POM_DATE });
    const err = await mavenCentral.lookup(NAME, "2.15.2", ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).message).toMatch(where);
    expect(scope.isDone()).toBe(true);
  });
});
