// `untrusted-object`: structured outside input (a parsed JSON body) reaching a capture.
import { describe, expect, it } from "vitest";
import { createScanner } from "../../../../src/core/engine/index.js";

const RULES = `
- id: t.object.sink
  languages: [python]
  severity: info
  confidence: low
  message: m
  query: '((call function: (identifier) @fn arguments: (argument_list . (_) @arg)) @report (#eq? @fn "sink"))'
  where: [{ capture: arg, untrusted-object: true }]
  examples: { bad: ["def f():\\n    sink(request.json)"], good: ["sink({})"] }

- id: t.object.clean
  languages: [python]
  severity: info
  confidence: low
  message: m
  query: '((call function: (identifier) @fn arguments: (argument_list . (_) @arg)) @report (#eq? @fn "clean_sink"))'
  where: [{ capture: arg, untrusted-object: false }]
  examples: { bad: ["clean_sink({})"], good: ["def f():\\n    clean_sink(request.json)"] }
`;

async function fires(code: string, rule = "t.object.sink"): Promise<boolean> {
  const { scanner } = await createScanner({ customRules: [{ origin: "t.yml", text: RULES }] });
  return scanner
    .scan({ path: "app.py", content: code, changedLines: new Set() })
    .findings.some((f) => f.ruleId === rule);
}

const wrap = (body: string) =>
  `from flask import request\nimport json\n\ndef view():\n${body
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n")}\n`;

describe("untrusted-object", () => {
  const structured = [
    "sink(request.get_json())",
    "sink(request.get_json(force=True))",
    "body = request.json\nsink({'user': body['user'], 'active': True})",
    "data = request.get_json()\nsink({'user': data.get('user')})",
    "criteria = request.get_json()\ncriteria['deleted'] = False\nsink(criteria)",
    "data = json.loads(request.data)\nsink({'_id': data['id']})",
    "payload = request.get_json()\nsink({**payload.get('filters', {}), 'x': 1})",
    "items = request.get_json()['items']\nfor item in items:\n    sink({'sku': item})",
    "d = request.get_json()\nq = d if d else {}\nsink(q)",
  ];
  const scalar = [
    "sink({'city': request.args.get('city')})",
    "sink({'name': request.form['name']})",
    "data = request.get_json()\nsink({'user': str(data['user'])})",
    "data = request.get_json()\nsink({'n': int(data['n'])})",
    "data = request.get_json()\nsink({'user': data['user'].strip()})",
    "data = request.get_json()\nsink({'user': f\"{data['user']}\"})",
    "body = Model.model_validate(request.get_json())\nsink({'token': body.token})",
    "record = db.find_one({'a': 1})\nsink({'_id': record['user_id']})",
    "sink({'_id': 1})",
  ];
  for (const body of structured)
    it(`structured: ${body.replace(/\n/g, "; ")}`, async () => expect(await fires(wrap(body))).toBe(true));
  for (const body of scalar)
    it(`not structured: ${body.replace(/\n/g, "; ")}`, async () => expect(await fires(wrap(body))).toBe(false));

  it("does not treat a plain parameter as structured input", async () => {
    expect(await fires("def find(filters):\n    sink(filters)\n")).toBe(false);
  });

  it("treats a dict-typed route parameter (FastAPI body) as structured", async () => {
    const code =
      "from fastapi import FastAPI\napp = FastAPI()\n\n@app.post('/s')\ndef s(query: dict):\n    sink(query)\n";
    expect(await fires(code)).toBe(true);
    const typed =
      "from fastapi import FastAPI\napp = FastAPI()\n\n@app.post('/s')\ndef s(name: str):\n    sink({'name': name})\n";
    expect(await fires(typed)).toBe(false);
  });

  it("reads DRF request.data as structured only where rest_framework is used", async () => {
    const drf =
      "from rest_framework.decorators import api_view\n\ndef v(request):\n    sink({'u': request.data['u']})\n";
    expect(await fires(drf)).toBe(true);
    const flask = "from flask import request\n\ndef v():\n    sink({'u': request.data})\n";
    expect(await fires(flask)).toBe(false);
  });

  it("supports false", async () => {
    expect(await fires(wrap("clean_sink({'a': request.args['a']})"), "t.object.clean")).toBe(true);
    expect(await fires(wrap("clean_sink(request.get_json())"), "t.object.clean")).toBe(false);
  });
});
