// Outside answers checked at the edge: a schema mismatch is an HttpError naming where.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkAnswer, describeIssues, parseAnswer } from "../../src/lookup/answer.js";
import { HttpError, type HttpResponse } from "../../src/lookup/http.js";

const schema = z.looseObject({ name: z.string(), tags: z.array(z.string()).optional() });
const response = (text: string, status = 200): HttpResponse => ({ status, headers: new Headers(), text });

describe("checkAnswer", () => {
  it("gives the parsed document, extra fields kept", () => {
    expect(checkAnswer(schema, { name: "a", extra: 1 }, "here")).toEqual({ name: "a", extra: 1 });
  });

  it("throws an HttpError with where, the status and the paths that did not fit", () => {
    const err = (() => {
      try {
        checkAnswer(schema, { name: 1, tags: ["x", 2] }, "https://r.example/a", 200);
      } catch (e) {
        return e;
      }
    })() as HttpError;
    expect(err).toBeInstanceOf(HttpError);
    expect(err.status).toBe(200);
    expect(err.message).toMatch(/^https:\/\/r\.example\/a: unexpected answer \(.* at name; .* at tags\.1\)$/);
  });

  it("describeIssues shows three issues and counts the rest", () => {
    const r = z.array(z.string()).safeParse([1, 2, 3, 4, 5]);
    expect(r.success).toBe(false);
    if (!r.success) expect(describeIssues(r.error)).toMatch(/at 0; .* at 1; .* at 2 and 2 more$/);
  });
});

describe("parseAnswer", () => {
  it("parses JSON then checks it; the URL in the error is redacted", () => {
    expect(parseAnswer(schema, response('{"name":"a"}'), "https://r.example/a")).toEqual({ name: "a" });
    expect(() => parseAnswer(schema, response("[]"), "https://user:secret@r.example/a")).toThrow(
      /^https:\/\/\*\*\*@r\.example\/a: unexpected answer/,
    );
    expect(() => parseAnswer(schema, response("<html>"), "https://r.example/a")).toThrow(/not JSON/);
  });
});
