# syntax=docker/dockerfile:1
# ---- build: install everything, compile TypeScript ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
# Dependencies first, so source edits keep this layer cached. The prepare script
# builds only once the sources are there.
RUN npm ci --ignore-scripts
COPY src ./src
RUN npm run build

# ---- runtime: production dependencies and the compiled output only ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
# Grammars ship as .wasm files (web-tree-sitter), so no native build is needed.
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY rules ./rules
COPY schema ./schema
COPY app.yml ./
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/server.js"]
