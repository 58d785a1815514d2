// Dotted names in a line of code (the `bare` view: no comments, no string contents), scanned by
// hand: `@login_required`, `jwt.verify(`, `window.crypto.subtle`, `req.user?.role`.

export interface Token {
  /** The name split at dots (`?.` counts as a dot). */
  segs: string[];
  /** Offset of the first character of the name. */
  start: number;
  /** Written as a decorator or annotation (`@x`). */
  decorator: boolean;
  /** Followed by `(`. */
  called: boolean;
  /** Preceded by `.`: a member of something that is not a plain name (`f().x`). */
  chained: boolean;
  /** Preceded by `<` or `</` (a JSX element). */
  jsx: boolean;
}

function isStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36;
}

function isPart(c: number): boolean {
  return isStart(c) || (c >= 48 && c <= 57);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/** Calls `each` for every dotted name in `text`, left to right. */
export function scanTokens(text: string, each: (t: Token) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isStart(c) || (i > 0 && isPart(text.charCodeAt(i - 1)))) {
      i++;
      continue;
    }
    const start = i;
    const segs: string[] = [];
    let end = i;
    for (;;) {
      let k = end;
      while (k < n && isPart(text.charCodeAt(k))) k++;
      segs.push(text.slice(end, k));
      end = k;
      // another segment: \s* ?. \s* name
      let p = k;
      while (p < n && isSpace(text.charCodeAt(p))) p++;
      if (text.charCodeAt(p) === 63 /* ? */ && text.charCodeAt(p + 1) === 46) p++;
      if (text.charCodeAt(p) !== 46 /* . */) break;
      p++;
      while (p < n && isSpace(text.charCodeAt(p))) p++;
      if (p >= n || !isStart(text.charCodeAt(p))) break;
      end = p;
    }
    let q = end;
    while (q < n && isSpace(text.charCodeAt(q))) q++;
    const called = text.charCodeAt(q) === 40; /* ( */
    const decorator = start > 0 && text.charCodeAt(start - 1) === 64; /* @ */
    let b = decorator ? start - 2 : start - 1;
    while (b >= 0 && isSpace(text.charCodeAt(b))) b--;
    const before = b >= 0 ? text.charCodeAt(b) : 0;
    const chained = before === 46;
    const jsx = before === 60 || (before === 47 && b > 0 && text.charCodeAt(b - 1) === 60);
    each({ segs, start, decorator, called, chained, jsx });
    i = end;
  }
}
