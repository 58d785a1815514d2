import { describe, expect, it } from "vitest";
import { goOwner, goTyposquat, pathWithoutHost } from "../../../../../src/core/dependencies/ecosystems/go/typosquat.js";
import { checkTyposquat } from "../../../../../src/core/dependencies/typosquat/index.js";
import { buildIndex } from "../../../../../src/core/dependencies/typosquat/popular-index.js";

const index = buildIndex(goTyposquat, (n) => goTyposquat.fold!(n.toLowerCase()), [
  "github.com/gin-gonic/gin",
  "github.com/sirupsen/logrus",
  "golang.org/x/crypto",
  "gopkg.in/yaml.v3",
]);
const check = goTyposquat.check!(index);

describe("Go owners and paths", () => {
  it("owns code-host paths by host/owner, vanity paths by domain", () => {
    expect(goOwner("github.com/gin-gonic/gin")).toBe("github.com/gin-gonic");
    expect(goOwner("golang.org/x/crypto")).toBe("golang.org/x");
    expect(goOwner("go.uber.org/zap")).toBe("go.uber.org");
    expect(goOwner("github.com/solo")).toBe("github.com/solo");
    expect(pathWithoutHost("github.com/gin-gonic/gin")).toBe("gin-gonic/gin");
  });
  it("folds major versions and keys each path segment", () => {
    expect(goTyposquat.fold!("github.com/go-chi/chi/v5")).toBe("github.com/go-chi/chi");
    expect(goTyposquat.fold!("gopkg.in/yaml.v3")).toBe("gopkg.in/yaml");
    expect(goTyposquat.keys!("github.com/go-gin/gin-go")).toEqual(["gin/gin"]);
  });
});

describe("Go check", () => {
  it("trusts popular owners and their sub-modules", () => {
    expect(check("github.com/gin-gonic/other")).toBeNull();
    expect(check("golang.org/x/crypto/ssh")).toBeNull();
  });
  it("flags a sibling a few edits from a popular module under the same owner: the owner is trusted, the name is not", () => {
    expect(checkTyposquat("go", "github.com/sirupsen/logruss")).toMatchObject({
      target: "github.com/sirupsen/logrus",
      severity: "medium",
      detail: "1 edit from 'github.com/sirupsen/logrus' (insertion), under the same owner",
    });
    expect(checkTyposquat("go", "github.com/stretchr/testifyy")).toMatchObject({
      target: "github.com/stretchr/testify",
    });
    // The popular module itself, a package inside it, and unrelated siblings stay trusted.
    expect(checkTyposquat("go", "github.com/sirupsen/logrus")).toBeNull();
    expect(checkTyposquat("go", "github.com/sirupsen/logrus/hooks/syslog")).toBeNull();
    expect(checkTyposquat("go", "github.com/stretchr/objx")).toBeNull();
    expect(checkTyposquat("go", "golang.org/x/sync")).toBeNull();
  });
  it("flags a popular path under another owner, and a few edits on the same host", () => {
    expect(check("github.com/gin_gonic/gin")).toMatchObject({
      entry: { name: "github.com/gin-gonic/gin" },
      strong: true,
      detail: "look-alike of 'github.com/gin-gonic/gin' (separators or affixes in the path differ)",
    });
    expect(check("github.com/siruspen/logrus")).toMatchObject({
      entry: { name: "github.com/sirupsen/logrus" },
      distance: 1,
    });
    expect(check("gitlab.com/siruspen/logrus")).toBeNull();
  });
});
