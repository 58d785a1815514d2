// Outside answers checked at the edge: a registry, OSV or GitHub document is parsed against a zod
// schema of what aiguard reads from it. A document that does not fit becomes an HttpError naming
// where it did not, which the look-up turns into a "could not verify" note like any failed request.
import type { z } from "zod";
import { HttpError, parseJson, redactUrl, type HttpResponse } from "./http.js";

/** The first few issues of a failed parse, each with the path it was found at. */
export function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((i) => {
    const path = i.path.map(String).join(".");
    return path ? `${i.message} at ${path}` : i.message;
  });
  const more = error.issues.length - shown.length;
  return `${shown.join("; ")}${more > 0 ? ` and ${more} more` : ""}`;
}

/** The document as the schema reads it, or an HttpError: "<where>: unexpected answer (<issues>)". */
export function checkAnswer<S extends z.ZodType>(schema: S, doc: unknown, where: string, status?: number): z.output<S> {
  const parsed = schema.safeParse(doc);
  if (parsed.success) return parsed.data;
  throw new HttpError(`${where}: unexpected answer (${describeIssues(parsed.error)})`, status);
}

/** A JSON body checked against its schema (not JSON at all: the HttpError of parseJson). */
export function parseAnswer<S extends z.ZodType>(schema: S, res: HttpResponse, url: string): z.output<S> {
  return checkAnswer(schema, parseJson(res, url), redactUrl(url), res.status);
}
