// Scores checkTyposquat against a labeled list of names (precision / recall of the
// "typosquat" label). Used by the tests and the quality benchmark.

import { checkTyposquat, type TyposquatEcosystem } from "../src/core/dependencies/typosquat/index.js";

export interface LabeledName {
  ecosystem: TyposquatEcosystem;
  name: string;
  label: "typosquat" | "legit";
  source?: string;
}

export interface TyposquatScore {
  precision: number;
  recall: number;
  tp: number;
  fp: number;
  fn: number;
  /** legit names that were flagged ("ecosystem:name") */
  fpNames: string[];
  /** typosquats that were missed ("ecosystem:name") */
  fnNames: string[];
}

export function scoreTyposquat(list: readonly LabeledName[]): TyposquatScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const fpNames: string[] = [];
  const fnNames: string[] = [];
  for (const item of list) {
    const flagged = checkTyposquat(item.ecosystem, item.name) !== null;
    const id = `${item.ecosystem}:${item.name}`;
    if (item.label === "typosquat") {
      if (flagged) tp++;
      else {
        fn++;
        fnNames.push(id);
      }
    } else if (flagged) {
      fp++;
      fpNames.push(id);
    }
  }
  return {
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    tp,
    fp,
    fn,
    fpNames,
    fnNames,
  };
}
